#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPair>
#include <QStringList>
#include <QUrl>

class QHttpServer;
class QHttpServerRequest;
class QHttpServerResponder;

/**
 * @brief A local npm registry for tests: serves packages added in the test, on 127.0.0.1.
 *
 * Speaks the part of the registry wire format that `npm install` uses: GET /<name> (a scoped name as
 * "@scope%2fname") answers the packument {name, dist-tags: {latest}, versions: {v: {name, version, dist:
 * {tarball, shasum, integrity}}}}, GET on a tarball URL answers the .tgz bytes, and an unknown name answers
 * 404 {"error":"Not found"}. The tarballs are built in memory (tar + gzip), so no network and no npm pack
 * are needed.
 */
class NpmRegistryServer : public QObject
{
    Q_OBJECT

public:
    explicit NpmRegistryServer(QObject *parent = nullptr);

    /// Listens on a free port of 127.0.0.1; false (see errorString()) when it cannot.
    bool start();
    QString errorString() const { return m_errorString; }
    /// The registry's address, "http://127.0.0.1:<port>/", for DependencyInstaller::setRegistry().
    QUrl url() const;

    /**
     * @brief Publishes @p name at @p version with an index.js of @p indexJs; the last version added is
     *        "latest". Call after start(): the tarball URL names the port.
     */
    void addPackage(const QString &name, const QString &version, const QByteArray &indexJs);

    /// The paths asked for so far (decoded, e.g. "/@scope/name"), in order.
    const QStringList &requests() const { return m_requests; }

    /// A .tar.gz holding @p files (path → bytes), as npm pack would write them under "package/".
    static QByteArray tarGz(const QList<QPair<QString, QByteArray>> &files);

private:
    void answer(const QHttpServerRequest &request, QHttpServerResponder &&responder);

    QHttpServer *m_server = nullptr;
    quint16 m_port = 0;
    QString m_errorString;
    QHash<QString, QJsonObject> m_packuments; ///< by package name
    QHash<QString, QByteArray> m_tarballs; ///< by URL path
    QStringList m_requests;
};
