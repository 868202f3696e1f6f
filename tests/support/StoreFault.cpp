#include "StoreFault.h"

#include "core/store/Database.h"
#include "tests/support/RawSql.h"

namespace StoreFault {

QString refuse(Database &database,
               const QString &name,
               const QString &event,
               const QString &table,
               const QString &message,
               const QString &when)
{
    const QString condition = when.isEmpty() ? QString() : QStringLiteral(" WHEN (%1)").arg(when);
    if (database.dialect().engine() == SqlDialect::Engine::Sqlite)
        return RawSql::run(
            database,
            {QStringLiteral("CREATE TRIGGER %1 BEFORE %2 ON %3%4 BEGIN SELECT RAISE(ABORT, '%5'); END")
                 .arg(name, event, table, condition, message)});
    return RawSql::run(
        database,
        {QStringLiteral("CREATE FUNCTION %1() RETURNS trigger LANGUAGE plpgsql AS "
                        "$$ BEGIN RAISE EXCEPTION '%2'; END $$")
             .arg(name, message),
         QStringLiteral("CREATE TRIGGER %1 BEFORE %2 ON %3 FOR EACH ROW%4 EXECUTE FUNCTION %1()")
             .arg(name, event, table, condition)});
}

QString allow(Database &database, const QString &name, const QString &table)
{
    if (database.dialect().engine() == SqlDialect::Engine::Sqlite)
        return RawSql::run(database, {QStringLiteral("DROP TRIGGER %1").arg(name)});
    return RawSql::run(database,
                       {QStringLiteral("DROP TRIGGER %1 ON %2").arg(name, table),
                        QStringLiteral("DROP FUNCTION %1()").arg(name)});
}

} // namespace StoreFault
