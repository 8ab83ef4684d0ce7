from shared.serve import serve

from .bootstrap import build_app
from .settings import FeedbackIngestionSettings

settings = FeedbackIngestionSettings()
serve(build_app(settings), settings)
