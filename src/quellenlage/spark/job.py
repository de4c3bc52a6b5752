"""The Spark jobs as a script for spark-submit (the session comes from spark-submit's settings).

    spark-submit --archives venv.tar.gz#environment quellenlage/spark/job.py \\
        analyze manifest.txt --out s3a://bucket/quellenlage/2024-10-24
    spark-submit … quellenlage/spark/job.py link s3a://bucket/quellenlage/2024-10-24
"""

from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="job.py", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    analyze = commands.add_parser("analyze", help="manifest in, Parquet tables out")
    analyze.add_argument("manifest")
    analyze.add_argument("--out", required=True)
    analyze.add_argument("--partitions", type=int, default=None)
    link = commands.add_parser("link", help="figures and figure values from an output folder")
    link.add_argument("folder")
    args = parser.parse_args(argv)

    from quellenlage.spark.session import session

    spark = session()
    if args.command == "analyze":
        from quellenlage.spark.analyze import ManifestError
        from quellenlage.spark.analyze import analyze as run_analyze

        try:
            report = run_analyze(spark, args.manifest, args.out, partitions=args.partitions)
        except ManifestError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        print(report)
        return 3 if report.failures else 0
    from quellenlage.spark.link import link as run_link

    print(run_link(spark, args.folder))
    return 0


if __name__ == "__main__":
    sys.exit(main())
