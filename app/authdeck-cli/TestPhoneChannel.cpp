#include "TestPhoneChannel.h"

#include "core/plivo/PlivoSandbox.h"

#include <QCoreApplication>
#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalServer>
#include <QLocalSocket>
#include <QStandardPaths>

#include <algorithm>

TestPhoneChannel::TestPhoneChannel(const PlivoSandbox &sandbox, const QString &tenantId, QObject *parent)
    : QObject(parent)
    , m_sandbox(sandbox)
    , m_tenantId(tenantId)
    , m_server(new QLocalServer(this))
{
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    connect(m_server, &QLocalServer::newConnection, this, &TestPhoneChannel::answer);
}

namespace {

QString runtimeFolder()
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::RuntimeLocation);
    return folder.isEmpty() ? QDir::tempPath() : folder;
}

QString prefix(const QString &tenantId)
{
    return QStringLiteral("authdeck-test-phone-%1-").arg(tenantId);
}

} // namespace

QString TestPhoneChannel::socketName(const QString &tenantId)
{
    return QDir(runtimeFolder())
        .filePath(prefix(tenantId) + QString::number(QCoreApplication::applicationPid()));
}

QStringList TestPhoneChannel::socketNames(const QString &tenantId)
{
    const QDir folder(runtimeFolder());
    QStringList names;
    for (const QString &entry :
         folder.entryList({prefix(tenantId) + QLatin1Char('*')}, QDir::System | QDir::Files))
        names.append(folder.filePath(entry));
    return names;
}

bool TestPhoneChannel::listen()
{
    // A socket file left by a server that was killed answers nobody: clear it away.
    for (const QString &name : socketNames(m_tenantId)) {
        if (!readOne(name, 500))
            QLocalServer::removeServer(name);
    }
    const QString name = socketName(m_tenantId);
    if (!m_server->listen(name)) {
        m_error = tr("The test phone channel %1 could not be opened: %2").arg(name, m_server->errorString());
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
    QList<QPair<QString, QByteArray>> messages; // by time, then as each server listed them
    bool answered = false;
    for (const QString &name : socketNames(tenantId)) {
        const auto lines = readOne(name, timeoutMs);
        if (!lines)
            continue;
        answered = true;
        for (const QByteArray &line : lines->split('\n')) {
            if (!line.isEmpty())
                messages.append(
                    {QJsonDocument::fromJson(line).object().value(QLatin1String("time")).toString(), line});
        }
    }
    if (!answered)
        return std::nullopt;
    std::stable_sort(
        messages.begin(), messages.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
    QByteArray all;
    for (const auto &message : std::as_const(messages))
        all += message.second + '\n';
    return all;
}

std::optional<QByteArray> TestPhoneChannel::readOne(const QString &name, int timeoutMs)
{
    // Used by the command-line reader, which has nothing else to do meanwhile: blocking waits are fine
    // here (never in the GUI).
    QLocalSocket socket;
    socket.connectToServer(name);
    if (!socket.waitForConnected(timeoutMs))
        return std::nullopt;
    QByteArray all;
    while (socket.state() == QLocalSocket::ConnectedState && socket.waitForReadyRead(timeoutMs))
        all += socket.readAll();
    all += socket.readAll();
    return all;
}
