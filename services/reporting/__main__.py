from shared.serve import serve

from .bootstrap import build_app
from .settings import ReportingSettings

settings = ReportingSettings()
serve(build_app(settings), settings)
