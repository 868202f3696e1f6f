#include "StoreEngine.h"

#include <QTest>

namespace {

/// Whether this suite has the global column: QTest::qGlobalData() asserts when there is none.
bool g_globalRows = false;

} // namespace

void StoreEngine::addGlobalRows()
{
    g_globalRows = true;
    QTest::addColumn<QString>("engine");
    QTest::newRow("sqlite") << sqlite();
    QTest::newRow("postgresql") << postgres();
}

QString StoreEngine::current()
{
    if (!g_globalRows)
        return sqlite();
    const void *row = QTest::qGlobalData("engine", qMetaTypeId<QString>());
    return row ? *static_cast<const QString *>(row) : sqlite();
}

QString StoreEngine::unavailable(const QString &engine)
{
    if (engine == postgres() && serverUrl().isEmpty())
        return QStringLiteral("PostgreSQL rows skipped: AUTHDECK_TEST_POSTGRES is not set. Set it to the "
                              "postgresql:// URL of a throwaway server, or run packaging/run-tests.sh, "
                              "which starts one.");
    return {};
}

QString StoreEngine::serverUrl()
{
    return qEnvironmentVariable("AUTHDECK_TEST_POSTGRES");
}
