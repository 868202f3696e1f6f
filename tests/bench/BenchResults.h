#pragma once

#include <QString>

/**
 * @brief Hands a benchmark's figures to tests/bench/run-all as JSON.
 *
 * When the environment variable AUTHDECK_BENCH_JSON names a file, record() merges one figure into that
 * file's JSON object (read, updated, written back), so that every test function of a Qt Test benchmark and
 * every step of a plain one can add its figures as it goes. When the variable is unset, record() does
 * nothing and a benchmark prints its usual text only.
 *
 * The file holds {"key": {"value": number, "unit": "ms"}, ...}.
 */
class BenchResults
{
public:
    /// The file named by AUTHDECK_BENCH_JSON, or an empty string when figures are not wanted.
    static QString path();

    /**
     * @brief Stores @p value (in @p unit) under @p key in the results file, replacing an earlier one.
     * @return false when the file could not be read or written (a warning is printed); true when it was
     *         written or no file is wanted
     */
    static bool record(const QString &key, double value, const QString &unit);
};
