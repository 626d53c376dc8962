"""bench/bench_pdf.py stays runnable: its measuring part on a real decided case, one run."""

import io

from bench.bench_pdf import measure


def test_benchmark_prints_each_document_and_the_batch_rate(decided):
    out = io.StringIO()
    timings = measure(application=decided, runs=1, batch=2, out=out)
    report = out.getvalue()
    for name in (
        "act (ru)",
        "act (kk)",
        "local_conclusion (kk)",
        "family (ru)",
        "special_conclusion (ru)",
        "notice (kk)",
    ):
        assert name in report
    assert "batch of 2 acts" in report and "pages/s; baseline" in report
    assert all(t.ours_ms > 0 and t.baseline_ms > 0 and t.pages >= 1 for t in timings)
