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

QString SqlDialect::dataTablesQuery() const
{
    if (m_engine == Engine::Sqlite)
        return QStringLiteral("SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' "
                              "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name != 'schema_migrations' "
                              "ORDER BY name");
    return QStringLiteral("SELECT table_name FROM information_schema.tables WHERE table_schema = "
                          "current_schema() AND table_type = 'BASE TABLE' AND table_name != "
                          "'schema_migrations' ORDER BY table_name");
}

QString SqlDialect::foreignKeysQuery() const
{
    if (m_engine == Engine::Sqlite)
        return QStringLiteral(
            "SELECT t.name, f.\"table\" FROM pragma_table_list AS t, "
            "pragma_foreign_key_list(t.name) AS f WHERE t.schema = 'main' AND t.type = 'table'");
    return QStringLiteral("SELECT t.relname, r.relname FROM pg_constraint AS c JOIN pg_class AS t ON t.oid = "
                          "c.conrelid JOIN pg_class AS r ON r.oid = c.confrelid WHERE c.contype = 'f' AND "
                          "c.connamespace = current_schema()::regnamespace");
}

QString SqlDialect::snapshotStatement() const
{
    // SQLite reads one snapshot per transaction already.
    if (m_engine == Engine::Sqlite)
        return {};
    return QStringLiteral("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
}

QString SqlDialect::quoted(const QString &name)
{
    return QLatin1Char('"') + QString(name).replace(QLatin1Char('"'), QLatin1String("\"\""))
        + QLatin1Char('"');
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

QString SqlDialect::least(const QString &a, const QString &b) const
{
    return (m_engine == Engine::Sqlite ? QStringLiteral("min(%1, %2)") : QStringLiteral("LEAST(%1, %2)"))
        .arg(a, b);
}

QString SqlDialect::greatest(const QString &a, const QString &b) const
{
    return (m_engine == Engine::Sqlite ? QStringLiteral("max(%1, %2)") : QStringLiteral("GREATEST(%1, %2)"))
        .arg(a, b);
}

bool SqlDialect::hasUserSearchIndex() const
{
    return m_engine == Engine::Sqlite;
}
