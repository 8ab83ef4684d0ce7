from shared.serve import serve

from .bootstrap import build_app
from .settings import ActionTrackingSettings

settings = ActionTrackingSettings()
serve(build_app(settings), settings)
