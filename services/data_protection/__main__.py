from shared.serve import serve

from .bootstrap import build_app
from .settings import DataProtectionSettings

settings = DataProtectionSettings()
serve(build_app(settings), settings)
