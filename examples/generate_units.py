#!/usr/bin/env python3
"""Generates examples/units.csv: 300 synthetic units in 4 classes (deterministic, seed 2024).

Every raw field used by examples/single-level.yaml, three-level.yaml and peer-relative.yaml is
present. Distributions are correlated the way real campaigns look: a latent "management quality"
drives utilisation, task completion, workload, satisfaction and compliance together; enforcement
units hire many off-establishment auxiliaries; a few units break red lines; about 1% of cells are
missing, written as blank, "—" or "/"; some workloads carry thousands separators and some
checklist answers are written 是/否/部分.

Usage: python3 examples/generate_units.py > examples/units.csv
"""
import csv
import math
import random
import sys

CLASSES = [
    # label, share of units, approved establishment (median), workload per capita (median),
    # off-establishment per post
    ("综合管理类", 0.25, 35, 40, 0.25),
    ("经济服务类", 0.25, 45, 60, 0.35),
    ("社会民生类", 0.30, 60, 90, 0.45),
    ("执法监管类", 0.20, 80, 30, 1.80),
]
NAMES = ["发展改革", "财政", "人力资源", "自然资源", "生态环境", "住房建设", "交通运输", "水利",
         "农业农村", "商务", "文化旅游", "卫生健康", "应急管理", "市场监管", "统计", "医疗保障",
         "城市管理", "民政", "司法", "教育"]
SUFFIX = {"综合管理类": "办公室", "经济服务类": "服务中心", "社会民生类": "事务中心",
          "执法监管类": "综合行政执法大队"}


def clamp(x, lo, hi):
    return max(lo, min(hi, x))


def main():
    rng = random.Random(2024)
    fields = ["id", "name", "class", "approved_est", "actual_on_est", "leaders_approved",
              "leaders_actual", "divisions_approved", "divisions_actual", "name_rank_ok",
              "adhoc_done", "sd_breakdown", "sd_transform", "sd_boundary", "sd_responsibility",
              "sd_configuration", "duty_disputes", "tasks_planned", "tasks_completed",
              "items_listed", "items_exercised", "long_vacant_posts", "division_leader_excess",
              "off_est", "off_est_quota", "off_est_checklist", "error_records", "changes_total",
              "changes_on_time", "frontline_staff", "professional_staff", "staff_le35",
              "workload_units", "workload_growth", "est_growth", "personnel_exp", "total_exp",
              "not_on_post", "mixed_use", "satisfaction", "cases", "cases_on_time",
              "valid_complaints", "findings", "rectified", "serious_violation"]
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(fields)
    n = 300
    counts = [round(c[1] * n) for c in CLASSES]
    counts[-1] = n - sum(counts[:-1])
    k = 0
    for (label, _, est_med, wl_med, off_ratio), count in zip(CLASSES, counts):
        for _ in range(count):
            k += 1
            q = rng.gauss(0, 1)  # latent management quality
            approved = max(5, round(est_med * math.exp(rng.gauss(0, 0.5))))
            util = clamp(0.93 + 0.03 * q + rng.gauss(0, 0.05), 0.6, 1.08)
            if rng.random() < 0.04:
                util = 1.0 + rng.uniform(0.02, 0.08)  # over-establishment (red line)
            elif util > 1.0:
                util = 1.0
            actual = max(3, round(approved * util))
            leaders_app = clamp(round(approved / 10) + 2, 3, 9)
            leaders_act = leaders_app - (1 if rng.random() < 0.15 else 0)
            if rng.random() < 0.05:
                leaders_act = leaders_app + 1  # red line
            div_app = clamp(round(approved / 6), 3, 18)
            div_act = div_app + (1 if rng.random() < 0.03 else 0)
            p_good = clamp(0.8 + 0.1 * q, 0.3, 0.98)

            def answer():
                r = rng.random()
                if r < p_good:
                    return rng.choice(["1", "1", "1", "是"])
                if r < p_good + (1 - p_good) / 2:
                    return rng.choice(["0.5", "部分"])
                return rng.choice(["0", "否"])

            planned = rng.randint(10, 30)
            completed = min(planned, round(planned * clamp(0.85 + 0.07 * q + rng.gauss(0, 0.05), 0.4, 1.0)))
            listed = rng.randint(40, 300)
            exercised = round(listed * clamp(0.9 + 0.04 * q + rng.gauss(0, 0.04), 0.5, 1.0))
            quota = max(2, round(approved * off_ratio * math.exp(rng.gauss(0, 0.2))))
            off = max(0, round(quota * clamp(0.9 - 0.05 * q + rng.gauss(0, 0.1), 0.4, 1.3)))
            per_capita = wl_med * math.exp(0.15 * q + rng.gauss(0, 0.3))
            workload = round(per_capita * actual)
            frontline = round(actual * clamp(0.62 + 0.06 * q + rng.gauss(0, 0.08), 0.25, 0.92))
            professional = round(actual * clamp(0.5 + rng.gauss(0, 0.12), 0.1, 0.95))
            le35 = round(actual * clamp(0.27 + rng.gauss(0, 0.09), 0.03, 0.65))
            total_exp = round(actual * rng.uniform(25, 60) * 10) / 10
            personnel = round(total_exp * clamp(0.45 + rng.gauss(0, 0.1), 0.15, 0.85) * 10) / 10
            changes = rng.randint(0, 12)
            cases = rng.randint(200, 5000)
            findings = rng.choice([0, 0, 1, 2, 3, 4, 6])
            row = {
                "id": f"U{k:03d}",
                "name": f"{rng.choice(NAMES)}{SUFFIX[label]}{k:03d}",
                "class": label,
                "approved_est": approved,
                "actual_on_est": actual,
                "leaders_approved": leaders_app,
                "leaders_actual": leaders_act,
                "divisions_approved": div_app,
                "divisions_actual": div_act,
                "name_rank_ok": "是" if rng.random() < 0.92 else "否",
                "adhoc_done": min(4, max(0, round(3.2 + 0.6 * q + rng.gauss(0, 0.6)))),
                "sd_breakdown": answer(),
                "sd_transform": answer(),
                "sd_boundary": answer(),
                "sd_responsibility": answer(),
                "sd_configuration": answer(),
                "duty_disputes": max(0, round(rng.expovariate(1.5) - 0.3 * q)),
                "tasks_planned": planned,
                "tasks_completed": completed,
                "items_listed": listed,
                "items_exercised": exercised,
                "long_vacant_posts": max(0, round((approved - actual) * rng.uniform(0, 0.6))),
                "division_leader_excess": 1 if rng.random() < 0.08 else 0,
                "off_est": off,
                "off_est_quota": quota,
                "off_est_checklist": min(4, max(0, round(3.3 + 0.5 * q + rng.gauss(0, 0.5)))),
                "error_records": max(0, round(rng.expovariate(0.8) - 0.4 * q)),
                "changes_total": changes,
                "changes_on_time": round(changes * clamp(0.9 + 0.05 * q, 0, 1)),
                "frontline_staff": frontline,
                "professional_staff": professional,
                "staff_le35": le35,
                "workload_units": f"{workload:,}" if workload >= 1000 and rng.random() < 0.3 else workload,
                "workload_growth": round(rng.gauss(3 + 2 * q, 6), 1),
                "est_growth": round(rng.gauss(1, 3), 1),
                "personnel_exp": personnel,
                "total_exp": total_exp,
                "not_on_post": max(0, round(rng.expovariate(1.0) * actual / 40 - 0.3 * q)),
                "mixed_use": max(0, round(rng.expovariate(2.0) - 0.2 * q)),
                "satisfaction": round(clamp(86 + 4 * q + rng.gauss(0, 4), 55, 99.5), 1),
                "cases": cases,
                "cases_on_time": round(cases * clamp(0.93 + 0.03 * q + rng.gauss(0, 0.02), 0.6, 1)),
                "valid_complaints": 1 if rng.random() < 0.1 else 0,
                "findings": findings,
                "rectified": round(findings * clamp(0.85 + 0.1 * q, 0, 1)),
                "serious_violation": 1 if rng.random() < 0.01 else 0,
            }
            # About 1% of the cells of optional survey/statistics fields are missing.
            for f in ("satisfaction", "workload_units", "staff_le35", "error_records", "not_on_post"):
                if rng.random() < 0.012:
                    row[f] = rng.choice(["", "—", "/"])
            out.writerow([row[f] for f in fields])


if __name__ == "__main__":
    main()
