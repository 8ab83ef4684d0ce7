from shared.settings import ServiceSettings


class AuditCaptureSettings(ServiceSettings):
    service_name: str = "audit_capture"
    http_port: int = 8101
    # Month one of the rotation for months no programme has planned (QA_ROTATION_FIRST_MONTH).
    rotation_first_month: str = "2026-04"
