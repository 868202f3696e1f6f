#pragma once

#include <QString>

/**
 * @brief The engines the store suites run their rows on: SQLite always, and PostgreSQL on the throwaway
 *        server that the environment variable AUTHDECK_TEST_POSTGRES names (a postgresql:// URL;
 *        packaging/run-tests.sh starts one).
 *
 * A suite adds the global column "engine" in initTestCase_data(), so that every test function runs once
 * per engine, and skips in init() with unavailable()'s reason: a PostgreSQL row never passes unrun. A test
 * with an engine column of its own skips its rows the same way.
 */
class StoreEngine
{
public:
    static QString sqlite() { return QStringLiteral("sqlite"); }
    static QString postgres() { return QStringLiteral("postgresql"); }

    /// The global data column "engine" with a row for each engine; call it from initTestCase_data().
    static void addGlobalRows();
    /// The engine of the current global row; SQLite in a suite without the column.
    static QString current();
    /// Why a test on @p engine (by default the current global row's) cannot run, '' when it can.
    static QString unavailable(const QString &engine = current());
    /// The URL of the test server, '' when AUTHDECK_TEST_POSTGRES is not set.
    static QString serverUrl();
};
