#!/usr/bin/env python3
"""Plots for a `make bench` results file (matplotlib, no display needed).

Usage: plot.py bench/results/<date>.json
Writes, next to the JSON:
  <date>-latency-vs-concurrency.png  p50/p95/p99 per request over concurrency, one
                                     panel per swept shape (log-log)
  <date>-throughput.png              requests/s per shape at 32 (bars), and requests/s
                                     (and journeys/s for the mixed journey) over
                                     concurrency
and prints `PLOT <path>` for each file written.
"""
import json
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import FixedLocator, FuncFormatter, NullLocator  # noqa: E402

path = sys.argv[1]
report = json.load(open(path))
out_dir = os.path.dirname(os.path.abspath(path))
stamp = report.get("date") or os.path.splitext(os.path.basename(path))[0]
shapes = report.get("shapes", [])
sweeps = report.get("sweeps", {})
subtitle = (f"{report['date']}, {report['machine']['cores']} cores ({report['machine']['cpu']}), "
            f"{report['dataset']['jobs']:,} jobs")
plain = FuncFormatter(lambda v, _: f"{v:g}")
written = []


def minor_labels(ax):
    """Labels the 2s and 5s between the decades of a log axis spanning under three decades."""
    def label(value, _):
        low, high = ax.get_ylim()
        if high / max(low, 1e-9) > 1000:
            return ""
        return f"{value:g}" if f"{value:e}"[0] in "25" else ""
    return FuncFormatter(label)


def concurrency_axis(ax, xs, unit):
    ax.set_xscale("log", base=2)
    ax.xaxis.set_major_locator(FixedLocator(xs))
    ax.xaxis.set_minor_locator(NullLocator())
    ax.xaxis.set_major_formatter(plain)
    ax.set_xlabel(f"concurrency ({unit})")


if sweeps:
    names = list(sweeps)
    fig, axes = plt.subplots(1, len(names), figsize=(5.2 * len(names), 4.4), squeeze=False)
    for ax, name in zip(axes[0], names):
        sweep = sweeps[name]
        points = sorted(sweep["points"], key=lambda p: p["concurrency"])
        xs = [p["concurrency"] for p in points]
        for key, label, style in (("p50_ms", "p50", "o-"), ("p95_ms", "p95", "s-"), ("p99_ms", "p99", "^-")):
            ax.plot(xs, [max(p[key], 0.01) for p in points], style, label=label)
        concurrency_axis(ax, xs, sweep.get("unit", "connections"))
        ax.set_yscale("log")
        ax.yaxis.set_major_formatter(plain)
        ax.yaxis.set_minor_formatter(minor_labels(ax))
        ax.set_ylabel("latency per request (ms, log scale)")
        ax.set_title(name, fontsize=10)
        ax.grid(True, which="both", alpha=0.3)
        ax.legend(fontsize=8)
    fig.suptitle(f"Latency over concurrency — {subtitle}", fontsize=10)
    fig.tight_layout()
    target = os.path.join(out_dir, f"{stamp}-latency-vs-concurrency.png")
    fig.savefig(target, dpi=110)
    plt.close(fig)
    written.append(target)

if shapes or sweeps:
    panels = (1 if shapes else 0) + (1 if sweeps else 0)
    fig, axes = plt.subplots(1, panels, figsize=(6.5 * panels, 4.8), squeeze=False)
    axes = list(axes[0])
    if shapes:
        ax = axes.pop(0)
        names = [s["shape"] for s in shapes]
        values = [max(s["rps"], 0.1) for s in shapes]
        bars = ax.bar(range(len(names)), values, color="#4c72b0")
        for bar, value in zip(bars, values):
            ax.annotate(f"{value:,.0f}", (bar.get_x() + bar.get_width() / 2, value), ha="center", va="bottom",
                        fontsize=7, xytext=(0, 2), textcoords="offset points")
        ax.set_xticks(range(len(names)))
        ax.set_xticklabels(names, rotation=35, ha="right", fontsize=7)
        ax.set_yscale("log")
        ax.yaxis.set_major_formatter(plain)
        ax.yaxis.set_minor_formatter(minor_labels(ax))
        ax.set_ylabel("requests/s (log scale)")
        ax.set_title("Throughput per shape (the table's rows: 32 connections / users)", fontsize=10)
        ax.grid(True, axis="y", which="both", alpha=0.3)
    if sweeps:
        ax = axes.pop(0)
        all_x = set()
        for name, sweep in sweeps.items():
            points = sorted(sweep["points"], key=lambda p: p["concurrency"])
            xs = [p["concurrency"] for p in points]
            all_x.update(xs)
            line, = ax.plot(xs, [max(p["rps"], 0.1) for p in points], "o-", label=f"{name} (req/s)")
            if all("journeys_per_s" in p for p in points):
                ax.plot(xs, [max(p["journeys_per_s"], 0.01) for p in points], "s--", color=line.get_color(),
                        label=f"{name} (journeys/s)")
        concurrency_axis(ax, sorted(all_x), "users / connections")
        ax.set_yscale("log")
        ax.yaxis.set_major_formatter(plain)
        ax.yaxis.set_minor_formatter(minor_labels(ax))
        ax.set_ylabel("per second (log scale)")
        ax.set_title("Throughput over concurrency", fontsize=10)
        ax.grid(True, which="both", alpha=0.3)
        ax.legend(fontsize=7)
    fig.suptitle(f"Throughput — {subtitle}", fontsize=10)
    fig.tight_layout()
    target = os.path.join(out_dir, f"{stamp}-throughput.png")
    fig.savefig(target, dpi=110)
    plt.close(fig)
    written.append(target)

for target in written:
    print(f"PLOT {target}")
