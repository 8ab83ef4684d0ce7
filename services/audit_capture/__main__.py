from shared.serve import serve

from .bootstrap import build_app
from .settings import AuditCaptureSettings

settings = AuditCaptureSettings()
serve(build_app(settings), settings)
