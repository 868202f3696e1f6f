#include "ScratchPostgres.h"

#include "core/store/PostgresAddress.h"
#include "tests/support/StoreEngine.h"

#include <QAtomicInt>
#include <QCoreApplication>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>

namespace {

const QString kAdminConnection = QStringLiteral("authdeck-test-postgres-admin");

/// The connection to the server's own database (the URL's) that creates and drops the scratch ones.
QSqlDatabase admin(QString &error)
{
    if (QSqlDatabase::contains(kAdminConnection))
        return QSqlDatabase::database(kAdminConnection);
    auto address = PostgresAddress::parse(StoreEngine::serverUrl());
    if (!address) {
        error = QStringLiteral("AUTHDECK_TEST_POSTGRES: ") + address.error().message();
        return {};
    }
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), kAdminConnection);
    address.value().configure(db);
    if (!db.open())
        error = QStringLiteral("Cannot reach the test server %1: %2")
                    .arg(address.value().url(), db.lastError().text());
    else
        QSqlQuery(db).exec(QStringLiteral("SET client_min_messages = warning"));
    return db;
}

QString run(const QSqlDatabase &db, const QString &sql)
{
    QSqlQuery query(db);
    return query.exec(sql) ? QString() : query.lastError().text();
}

} // namespace

ScratchPostgres::ScratchPostgres(const QString &options)
{
    static QAtomicInt counter;
    m_name = QStringLiteral("authdeck_test_%1_%2")
                 .arg(QCoreApplication::applicationPid())
                 .arg(counter.fetchAndAddRelaxed(1));
    const QSqlDatabase db = admin(m_error);
    if (!m_error.isEmpty())
        return;
    // Left over by a crashed run of this process id: start afresh.
    if (m_error = run(db, QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(m_name));
        !m_error.isEmpty())
        return;
    if (m_error = run(db, QStringLiteral("CREATE DATABASE %1 %2").arg(m_name, options)); !m_error.isEmpty())
        return;
    QUrl url(StoreEngine::serverUrl());
    url.setPath(QLatin1Char('/') + m_name);
    m_url = url.toString();
}

ScratchPostgres::~ScratchPostgres()
{
    if (!isValid())
        return;
    QString error;
    const QSqlDatabase db = admin(error);
    if (error.isEmpty())
        error = run(db, QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(m_name));
    if (!error.isEmpty())
        qWarning("Could not drop the test database %s: %s", qPrintable(m_name), qPrintable(error));
}
