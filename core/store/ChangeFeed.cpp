#include "ChangeFeed.h"

#include "core/store/Database.h"

#include <QLoggingCategory>
#include <QSqlDriver>
#include <QSqlError>

Q_LOGGING_CATEGORY(lcChanges, "authdeck.store.changes")

ChangeFeed::ChangeFeed(Database &database, QObject *parent)
    : QObject(parent)
{
    if (database.dialect().engine() != SqlDialect::Engine::Postgres)
        return;
    QSqlDriver *driver = database.driver();
    const QString channel = QString::fromLatin1(Channel);
    if (!driver || !driver->subscribeToNotification(channel)) {
        qCWarning(lcChanges,
                  "cannot listen for other admins' changes: %s",
                  driver ? qPrintable(driver->lastError().text()) : "no connection");
        return;
    }
    m_listening = true;
    connect(
        driver,
        &QSqlDriver::notification,
        this,
        [this, channel](const QString &name, QSqlDriver::NotificationSource source, const QVariant &payload) {
            if (name == channel && source == QSqlDriver::OtherSource)
                Q_EMIT changedElsewhere(payload.toString());
        });
}
