"""Case layer: the file format in which an analyst describes a strategic system."""

from .loader import default_case_path, load_case, write_yaml_atomic
from .models import Case
from .validate import CaseReport, check_case

__all__ = ["Case", "CaseReport", "check_case", "default_case_path", "load_case", "write_yaml_atomic"]
