from shared.settings import ServiceSettings


class AuditCaptureSettings(ServiceSettings):
    service_name: str = "audit_capture"
    http_port: int = 8101
