#include "SqlDialect.h"

#include <QRegularExpression>

namespace {

/// "Authdeck" in ASCII: the advisory lock key of the migrations (advisory locks are per database).
constexpr qint64 kMigrationLockKey = 0x417574686465636B;

} // namespace

QString SqlDialect::name() const
{
    return m_engine == Engine::Sqlite ? QStringLiteral("sqlite") : QStringLiteral("postgresql");
}

QString SqlDialect::driver() const
{
    return m_engine == Engine::Sqlite ? QStringLiteral("QSQLITE") : QStringLiteral("QPSQL");
}

QString SqlDialect::tableCountQuery() const
{
    if (m_engine == Engine::Sqlite)
        return QStringLiteral("SELECT count(*) FROM sqlite_master");
    return QStringLiteral(
        "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()");
}

QString SqlDialect::migrationsColumnsQuery() const
{
    if (m_engine == Engine::Sqlite)
        return QStringLiteral("SELECT count(*) FROM pragma_table_info('schema_migrations') "
                              "WHERE name IN ('version', 'name', 'applied_at')");
    return QStringLiteral(
        "SELECT count(*) FROM information_schema.columns WHERE table_schema = current_schema() "
        "AND table_name = 'schema_migrations' AND column_name IN ('version', 'name', 'applied_at')");
}

QStringList SqlDialect::sessionStatements() const
{
    if (m_engine == Engine::Postgres)
        return {QStringLiteral("SET client_min_messages = warning")};
    return {QStringLiteral("PRAGMA foreign_keys = ON"),
            QStringLiteral("PRAGMA busy_timeout = 5000"),
            QStringLiteral("PRAGMA journal_mode = WAL"),
            QStringLiteral("PRAGMA synchronous = NORMAL")};
}

QString SqlDialect::migrationLockStatement() const
{
    if (m_engine == Engine::Sqlite)
        return {};
    return QStringLiteral("SELECT pg_advisory_xact_lock(%1)").arg(kMigrationLockKey);
}

QString SqlDialect::migrationStatement(const QString &statement) const
{
    static const QRegularExpression tag(QStringLiteral("^/\\*(sqlite|postgresql)\\*/\\s*"));
    const QRegularExpressionMatch match = tag.match(statement);
    if (!match.hasMatch())
        return statement;
    return match.captured(1) == name() ? statement.mid(match.capturedLength()) : QString();
}

QString SqlDialect::contains(const QString &column) const
{
    return (m_engine == Engine::Sqlite ? QStringLiteral("instr(%1, ?) > 0")
                                       : QStringLiteral("strpos(%1, ?) > 0"))
        .arg(column);
}

QString SqlDialect::caselessRange(const QString &column, bool useIndex) const
{
    if (m_engine == Engine::Sqlite) {
        // The unary + keeps the planner off the column's index.
        const QString operand = useIndex ? column : QLatin1Char('+') + column;
        return QStringLiteral("%1 >= ? COLLATE NOCASE AND %1 < ? COLLATE NOCASE").arg(operand);
    }
    // The index is on lower(column) in code point order, which the bounds' U+10FFFF relies on.
    return QStringLiteral("lower(%1) COLLATE \"C\" >= lower(?) AND lower(%1) COLLATE \"C\" < lower(?)")
        .arg(column);
}

QString SqlDialect::indexedBy(const QString &index) const
{
    return m_engine == Engine::Sqlite ? QStringLiteral(" INDEXED BY ") + index : QString();
}

QString SqlDialect::rowId(const QString &primaryKey) const
{
    return m_engine == Engine::Sqlite ? QStringLiteral("rowid") : primaryKey;
}

QVariant SqlDialect::noLimit() const
{
    return m_engine == Engine::Sqlite ? QVariant(-1) : QVariant();
}

bool SqlDialect::hasUserSearchIndex() const
{
    return m_engine == Engine::Sqlite;
}
