from shared.serve import serve

from .bootstrap import build_app
from .settings import LearningSettings

settings = LearningSettings()
serve(build_app(settings), settings)
