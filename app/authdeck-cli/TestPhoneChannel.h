#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

#include <optional>

class PlivoSandbox;
class QLocalServer;

/**
 * @brief Lets `authdeck-cli test-phone` read the messages of the test phones that `authdeck-cli serve`
 *        runs, through local sockets only the same user can open (in the user's runtime folder).
 *
 * Each server of a tenant (several may serve one PostgreSQL tenant) has a test phone and a socket of its own,
 * named after the tenant and its process. Each connection gets every stored message, oldest first, one JSON
 * object per line ({"to", "text", "time"}), then the channel closes it. read() asks every server of the
 * tenant on this machine and merges their messages by time; the texts (which carry one-time codes) never
 * reach the tenant's database.
 */
class TestPhoneChannel : public QObject
{
    Q_OBJECT

public:
    TestPhoneChannel(const PlivoSandbox &sandbox, const QString &tenantId, QObject *parent = nullptr);

    /// Listens, clearing the sockets of this tenant's servers that died; false with errorString().
    bool listen();
    QString errorString() const { return m_error; }

    /// The socket of this process's test phone for the tenant @p tenantId.
    static QString socketName(const QString &tenantId);
    /// The sockets of every server of @p tenantId on this machine, live or left behind.
    static QStringList socketNames(const QString &tenantId);
    /**
     * @brief Reads the messages of every running server of @p tenantId, oldest first.
     * @return the lines, or nothing when no server answers within @p timeoutMs
     */
    static std::optional<QByteArray> read(const QString &tenantId, int timeoutMs = 5000);

private:
    void answer();
    /// The lines of the server listening on @p name; nothing when none answers within @p timeoutMs.
    static std::optional<QByteArray> readOne(const QString &name, int timeoutMs);

    const PlivoSandbox &m_sandbox;
    QString m_tenantId;
    QLocalServer *m_server;
    QString m_error;
};
