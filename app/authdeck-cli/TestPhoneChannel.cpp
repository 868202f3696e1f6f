#include "TestPhoneChannel.h"

#include "core/plivo/PlivoSandbox.h"

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalServer>
#include <QLocalSocket>
#include <QStandardPaths>

TestPhoneChannel::TestPhoneChannel(const PlivoSandbox &sandbox, const QString &tenantId, QObject *parent)
    : QObject(parent)
    , m_sandbox(sandbox)
    , m_tenantId(tenantId)
    , m_server(new QLocalServer(this))
{
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    connect(m_server, &QLocalServer::newConnection, this, &TestPhoneChannel::answer);
}

QString TestPhoneChannel::socketName(const QString &tenantId)
{
    QString folder = QStandardPaths::writableLocation(QStandardPaths::RuntimeLocation);
    if (folder.isEmpty())
        folder = QDir::tempPath();
    return QDir(folder).filePath(QStringLiteral("authdeck-test-phone-%1").arg(tenantId));
}

bool TestPhoneChannel::listen()
{
    const QString name = socketName(m_tenantId);
    // A socket file left by a server that was killed answers nobody: take it over.
    if (!read(m_tenantId, 500))
        QLocalServer::removeServer(name);
    if (!m_server->listen(name)) {
        m_error = tr("The test phone channel %1 is in use (another authdeck-cli serve of this tenant?): %2")
                      .arg(name, m_server->errorString());
        return false;
    }
    return true;
}

void TestPhoneChannel::answer()
{
    while (QLocalSocket *socket = m_server->nextPendingConnection()) {
        QByteArray lines;
        const QList<PlivoSandbox::Message> messages = m_sandbox.messages();
        for (auto it = messages.crbegin(); it != messages.crend(); ++it) {
            const QJsonObject line {{QStringLiteral("to"), it->to},
                                    {QStringLiteral("text"), it->text},
                                    {QStringLiteral("time"), it->time.toUTC().toString(Qt::ISODateWithMs)}};
            lines += QJsonDocument(line).toJson(QJsonDocument::Compact) + '\n';
        }
        socket->write(lines);
        connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        socket->disconnectFromServer();
    }
}

std::optional<QByteArray> TestPhoneChannel::read(const QString &tenantId, int timeoutMs)
{
    // Used by the command-line reader, which has nothing else to do meanwhile: blocking waits are fine
    // here (never in the GUI).
    QLocalSocket socket;
    socket.connectToServer(socketName(tenantId));
    if (!socket.waitForConnected(timeoutMs))
        return std::nullopt;
    QByteArray all;
    while (socket.state() == QLocalSocket::ConnectedState && socket.waitForReadyRead(timeoutMs))
        all += socket.readAll();
    all += socket.readAll();
    return all;
}
