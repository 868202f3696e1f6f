#pragma once

#include <QObject>
#include <QString>

class PlivoSandbox;
class QLocalServer;

/**
 * @brief Lets `authdeck-cli test-phone` read the messages of the test phone that `authdeck-cli serve`
 *        runs, through a local socket only the same user can open (in the user's runtime folder).
 *
 * Each connection gets every stored message, oldest first, one JSON object per line
 * ({"to", "text", "time"}), then the channel closes it.
 */
class TestPhoneChannel : public QObject
{
    Q_OBJECT

public:
    TestPhoneChannel(const PlivoSandbox &sandbox, const QString &tenantId, QObject *parent = nullptr);

    /// Listens; false with errorString() when another server of this tenant already does.
    bool listen();
    QString errorString() const { return m_error; }

    /// The socket name for the tenant @p tenantId.
    static QString socketName(const QString &tenantId);
    /**
     * @brief Reads the messages of the running server of @p tenantId (what a connection gets).
     * @return the lines, or nothing when no server answers within @p timeoutMs
     */
    static std::optional<QByteArray> read(const QString &tenantId, int timeoutMs = 5000);

private:
    void answer();

    const PlivoSandbox &m_sandbox;
    QString m_tenantId;
    QLocalServer *m_server;
    QString m_error;
};
