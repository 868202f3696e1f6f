#include "NpmRegistryServer.h"

#include <QCryptographicHash>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QtEndian>

#include <array>

namespace {

/// One ustar header block for a regular file.
QByteArray tarHeader(const QByteArray &path, qint64 size)
{
    QByteArray header(512, '\0');
    auto put = [&header](int offset, const QByteArray &value) {
        std::copy(value.cbegin(), value.cend(), header.begin() + offset);
    };
    put(0, path.left(99));
    put(100, QByteArrayLiteral("0000644"));
    put(108, QByteArrayLiteral("0000000"));
    put(116, QByteArrayLiteral("0000000"));
    put(124, QByteArray::number(size, 8).rightJustified(11, '0'));
    put(136, QByteArray::number(499162500, 8).rightJustified(11, '0')); // 1985-10-26, as npm pack writes
    put(148, QByteArray(8, ' '));
    header[156] = '0';
    put(257, QByteArrayLiteral("ustar"));
    put(263, QByteArrayLiteral("00"));
    unsigned sum = 0;
    for (char c : header)
        sum += static_cast<unsigned char>(c);
    put(148, QByteArray::number(sum, 8).rightJustified(6, '0') + QByteArray("\0 ", 2));
    return header;
}

quint32 crc32(const QByteArray &data)
{
    static const std::array<quint32, 256> table = [] {
        std::array<quint32, 256> values {};
        for (quint32 i = 0; i < 256; ++i) {
            quint32 c = i;
            for (int k = 0; k < 8; ++k)
                c = (c & 1) ? 0xEDB88320U ^ (c >> 1) : c >> 1;
            values[i] = c;
        }
        return values;
    }();
    quint32 crc = 0xFFFFFFFFU;
    for (char byte : data)
        crc = table[(crc ^ static_cast<unsigned char>(byte)) & 0xFF] ^ (crc >> 8);
    return crc ^ 0xFFFFFFFFU;
}

/// @p data in the gzip format: qCompress's zlib stream without its length, header and checksum.
QByteArray gzip(const QByteArray &data)
{
    const QByteArray zlib = qCompress(data, 9);
    const QByteArray deflate = zlib.mid(4 + 2, zlib.size() - 4 - 2 - 4);
    QByteArray out = QByteArray::fromHex("1f8b08000000000000ff");
    out += deflate;
    QByteArray trailer(8, '\0');
    qToLittleEndian<quint32>(crc32(data), trailer.data());
    qToLittleEndian<quint32>(quint32(data.size()), trailer.data() + 4);
    return out + trailer;
}

} // namespace

NpmRegistryServer::NpmRegistryServer(QObject *parent)
    : QObject(parent)
{ }

bool NpmRegistryServer::start()
{
    m_server = new QHttpServer(this);
    m_server->setMissingHandler([this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
        answer(request, std::move(responder));
    });
    auto *tcp = new QTcpServer(m_server);
    if (!tcp->listen(QHostAddress::LocalHost, 0)) {
        m_errorString = tcp->errorString();
        return false;
    }
    m_server->bind(tcp);
    m_port = tcp->serverPort();
    return true;
}

QUrl NpmRegistryServer::url() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(m_port));
}

QByteArray NpmRegistryServer::tarGz(const QList<QPair<QString, QByteArray>> &files)
{
    QByteArray tar;
    for (const auto &[path, bytes] : files) {
        tar += tarHeader(QByteArrayLiteral("package/") + path.toUtf8(), bytes.size());
        tar += bytes;
        tar += QByteArray((512 - bytes.size() % 512) % 512, '\0');
    }
    tar += QByteArray(1024, '\0');
    return gzip(tar);
}

void NpmRegistryServer::addPackage(const QString &name, const QString &version, const QByteArray &indexJs)
{
    const QJsonObject manifest {{QStringLiteral("name"), name},
                                {QStringLiteral("version"), version},
                                {QStringLiteral("main"), QStringLiteral("index.js")}};
    const QByteArray tarball = tarGz({{QStringLiteral("package.json"), QJsonDocument(manifest).toJson()},
                                      {QStringLiteral("index.js"), indexJs}});
    const QString baseName = name.section(QLatin1Char('/'), -1);
    const QString path = QLatin1Char('/') + name + QStringLiteral("/-/") + baseName + QLatin1Char('-')
        + version + QStringLiteral(".tgz");
    m_tarballs.insert(path, tarball);

    QJsonObject entry = manifest;
    entry.insert(
        QStringLiteral("dist"),
        QJsonObject {
            {QStringLiteral("tarball"), url().resolved(QUrl(path.mid(1))).toString()},
            {QStringLiteral("shasum"),
             QString::fromLatin1(QCryptographicHash::hash(tarball, QCryptographicHash::Sha1).toHex())},
            {QStringLiteral("integrity"),
             QString(QStringLiteral("sha512-")
                     + QString::fromLatin1(
                         QCryptographicHash::hash(tarball, QCryptographicHash::Sha512).toBase64()))},
        });
    QJsonObject packument = m_packuments.value(name);
    QJsonObject versions = packument.value(QStringLiteral("versions")).toObject();
    versions.insert(version, entry);
    packument.insert(QStringLiteral("name"), name);
    packument.insert(QStringLiteral("dist-tags"), QJsonObject {{QStringLiteral("latest"), version}});
    packument.insert(QStringLiteral("versions"), versions);
    m_packuments.insert(name, packument);
}

void NpmRegistryServer::answer(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    const QString path = request.url().path(QUrl::FullyDecoded);
    m_requests.append(path);
    if (const auto tarball = m_tarballs.constFind(path); tarball != m_tarballs.cend())
        return responder.write(*tarball, QByteArrayLiteral("application/octet-stream"));
    if (const auto packument = m_packuments.constFind(path.mid(1)); packument != m_packuments.cend())
        return responder.write(QJsonDocument(*packument));
    responder.write(QJsonDocument(QJsonObject {{QStringLiteral("error"), QStringLiteral("Not found")}}),
                    QHttpServerResponder::StatusCode::NotFound);
}
