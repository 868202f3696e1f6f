#pragma once

#include <QObject>
#include <QString>

class Database;

/**
 * @brief What other Authdecks changed in the tenant's database, as they change it.
 *
 * On PostgreSQL, every statement that changes a table an admin's pages show announces the table at commit
 * (migration 14: NOTIFY authdeck_changes); the feed listens on its database's connection and says which table
 * another connection changed. Its own connection's changes are not repeated: the services announce those
 * themselves. On SQLite (one process writing a tenant file) the feed is quiet.
 */
class ChangeFeed : public QObject
{
    Q_OBJECT

public:
    /// The NOTIFY channel of migration 14.
    static constexpr const char *Channel = "authdeck_changes";

    explicit ChangeFeed(Database &database, QObject *parent = nullptr);

    /// Whether the feed hears other connections (PostgreSQL, subscribed).
    bool isListening() const { return m_listening; }

Q_SIGNALS:
    /// Another connection committed a change to @p table.
    void changedElsewhere(const QString &table);

private:
    bool m_listening = false;
};
