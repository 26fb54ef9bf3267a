"""Reading and cleaning shipment records (express/shipments.py), without Django."""
import io

import pytest

from express.regions import RegionMatcher
from express.shipments import DROP_REASONS, CleaningReport, ShipmentFileError, read_shipments
from tests.express.generator import REGIONS, write_records

MATCHER = RegionMatcher(REGIONS)


def read(path, **kwargs):
    report = CleaningReport()
    with open(path, "rb") as stream:
        shipments = list(read_shipments(stream, regions=kwargs.pop("regions", MATCHER), report=report, **kwargs))
    return shipments, report


def assert_report_matches(report, truth):
    assert report.read == truth.read
    assert report.kept == truth.kept
    assert dict(report.dropped) == dict(truth.dropped)
    assert report.read == report.kept + report.dropped_total
    assert report.unmatched_addresses == truth.unmatched_addresses


def test_it_counts_every_row_read_kept_and_dropped_by_reason(tmp_path):
    truth = write_records(tmp_path / "records.csv")
    shipments, report = read(tmp_path / "records.csv")
    assert_report_matches(report, truth)
    assert len(shipments) == truth.kept
    # Every drop reason the generator produces is one of the documented ones, and it produces all of them.
    assert set(truth.dropped) == set(DROP_REASONS)
    assert report.encoding == "utf-8" and report.delimiter == ","


def test_it_reads_gb18030_tab_separated_files(tmp_path):
    truth = write_records(tmp_path / "records.tsv", encoding="gb18030", delimiter="\t")
    raw = (tmp_path / "records.tsv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")  # the file really is GB18030, not UTF-8
    shipments, report = read(tmp_path / "records.tsv")
    assert report.encoding == "gb18030" and report.delimiter == "\t"
    assert_report_matches(report, truth)
    assert any(s.sender.name == "无证商行" for s in shipments)


def test_it_reads_a_utf8_file_with_a_byte_order_mark(tmp_path):
    truth = write_records(tmp_path / "records.csv", bom=True)
    shipments, report = read(tmp_path / "records.csv")
    assert_report_matches(report, truth)


def test_a_column_mapping_renames_the_headers(tmp_path):
    headers = {"tracking_no": "运单号", "sender_name": "寄件人", "sent_at": "寄件日期", "received_at": "Delivered On"}
    truth = write_records(tmp_path / "records.csv", headers=headers)
    with pytest.raises(ShipmentFileError, match="no column 'tracking_no'"):
        read(tmp_path / "records.csv")
    shipments, report = read(tmp_path / "records.csv", mapping=headers)
    assert_report_matches(report, truth)


def test_a_file_without_a_needed_column_is_refused_in_one_line():
    stream = io.BytesIO("tracking_no,sender_name\nA1,Li\n".encode())
    with pytest.raises(ShipmentFileError) as error:
        list(read_shipments(stream, regions=MATCHER, report=CleaningReport()))
    assert "\n" not in str(error.value)
    assert "sender_id" in str(error.value)


def test_an_empty_file_is_refused():
    with pytest.raises(ShipmentFileError, match="empty"):
        list(read_shipments(io.BytesIO(b""), regions=MATCHER, report=CleaningReport()))


def test_the_first_of_duplicate_tracking_numbers_is_kept(tmp_path):
    truth = write_records(tmp_path / "records.csv")
    shipments, _ = read(tmp_path / "records.csv")
    numbers = [s.tracking_no for s in shipments]
    assert len(numbers) == len(set(numbers))
    assert "Dirty Sender" not in {s.sender.name for s in shipments}
    assert truth.dropped["duplicate_tracking_no"] == 1


def test_parties_are_keyed_by_identity_or_by_name():
    data = ("tracking_no,sender_name,sender_id,sender_address,recipient_name,recipient_id,recipient_address,sent_at,received_at\n"
            "T1,Shop,,广东省深圳市南山区1号,Li, 11010519491231002x ,浙江省杭州市西湖区2号,2024-01-02,2024-01-03\n")
    (shipment,) = read_shipments(io.BytesIO(data.encode()), regions=MATCHER, report=CleaningReport())
    assert shipment.sender.key == "name:Shop"
    assert shipment.recipient.key == shipment.recipient.identity == "11010519491231002X"
    assert shipment.sender.region == "广东省/深圳市/南山区"
    assert shipment.recipient.region == "浙江省/杭州市/西湖区"


def test_reading_streams_instead_of_loading_the_file():
    """A generator consumes the stream lazily: after the first shipment, most of a long stream
    is still unread."""
    header = b"tracking_no,sender_name,sender_id,sender_address,recipient_name,recipient_id,recipient_address,sent_at,received_at\n"
    rows = b"".join(b"T%d,Shop,,Guangdong,Li,,Zhejiang,2024-01-02,2024-01-03\n" % i for i in range(200_000))
    stream = io.BytesIO(header + rows)
    shipments = read_shipments(stream, regions=MATCHER, report=CleaningReport())
    next(shipments)
    assert stream.tell() < len(header + rows) / 10


def test_a_quoted_address_may_span_lines_and_the_last_line_needs_no_newline():
    data = ("tracking_no,sender_name,sender_id,sender_address,recipient_name,recipient_id,recipient_address,sent_at,received_at\n"
            'T1,Shop,,"广东省深圳市南山区\n科技园8号",Li,,浙江省杭州市西湖区2号,2024-01-02,2024-01-03\n'
            "T2,Shop,,广东省深圳市南山区1号,Li,,浙江省杭州市西湖区2号,2024-01-02,2024-01-03")
    report = CleaningReport()
    first, second = read_shipments(io.BytesIO(data.encode()), regions=MATCHER, report=report)
    assert first.sender.address == "广东省深圳市南山区\n科技园8号" and first.sender.region == "广东省/深圳市/南山区"
    assert second.tracking_no == "T2" and report.read == report.kept == 2


def test_overlong_names_and_identities_are_cut_to_a_storable_key():
    data = ("tracking_no,sender_name,sender_id,sender_address,recipient_name,recipient_id,recipient_address,sent_at,received_at\n"
            f"T1,{'S' * 500},,广东省深圳市南山区1号,Li,{'9' * 300},浙江省杭州市西湖区2号,2024-01-02,2024-01-03\n")
    (shipment,) = read_shipments(io.BytesIO(data.encode()), regions=MATCHER, report=CleaningReport())
    assert len(shipment.sender.key) <= 200 and shipment.sender.key.startswith("name:SSS")
    assert len(shipment.recipient.key) == 200
