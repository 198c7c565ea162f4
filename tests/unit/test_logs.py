from __future__ import annotations

import json
import logging

from backstory.logs import JsonFormatter


def _record(**extra: object) -> logging.LogRecord:
    record = logging.LogRecord("backstory.test", logging.INFO, __file__, 1, "built %s", ("it",), None)
    record.__dict__.update(extra)
    return record


class TestJsonFormatter:
    def test_a_line_is_one_json_object_with_the_extra_fields(self) -> None:
        line = json.loads(JsonFormatter().format(_record(event_id="e-1", total_ms=2.5)))
        assert line["msg"] == "built it" and line["event_id"] == "e-1" and line["total_ms"] == 2.5
        assert line["level"] == "info" and line["logger"] == "backstory.test"

    def test_standard_record_attributes_stay_out(self) -> None:
        line = json.loads(JsonFormatter().format(_record(color_message="\x1b[36m")))
        assert not {"args", "pathname", "lineno", "color_message"} & set(line)
