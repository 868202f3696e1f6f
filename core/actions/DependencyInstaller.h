#pragma once

#include "core/actions/DependencyInstallJob.h"
#include "core/model/CustomAction.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QUrl>

/**
 * @brief Installs the npm dependencies of custom actions into a cache folder per set of dependencies.
 *
 * Each set of dependencies gets the folder `<cacheRoot>/<key>` where key is cacheKey(); its node_modules is
 * what ScriptRequest::modulesDir points at. npm installs into a staging folder beside it, which is marked
 * complete and renamed into place only when npm succeeded, so a failed or stopped install never leaves a
 * folder that a later run would use. A complete folder is reused without running npm.
 *
 * npm runs as a child process (`npm install --no-audit --no-fund --no-package-lock --ignore-scripts
 * --omit=dev --prefix <dir> name@version ...`), never blocking the caller; package scripts never run.
 */
class DependencyInstaller : public QObject
{
    Q_OBJECT

public:
    explicit DependencyInstaller(QObject *parent = nullptr);

    /// The cache under the user's cache folder: QStandardPaths::CacheLocation + "/actions".
    static QString defaultCacheRoot();
    /// The registry named in messages when none is set: npm's own, https://registry.npmjs.org/.
    static QUrl defaultRegistry();
    static constexpr int DefaultTimeoutMs = 120 * 1000;

    QString cacheRoot() const { return m_cacheRoot; }
    void setCacheRoot(const QString &folder) { m_cacheRoot = folder; }
    /// The registry npm fetches from (`--registry`); empty means npm's configured one.
    QUrl registry() const { return m_registry; }
    void setRegistry(const QUrl &registry) { m_registry = registry; }
    /// How long one npm install may take before it is stopped.
    int timeoutMs() const { return m_timeoutMs; }
    void setTimeoutMs(int timeoutMs) { m_timeoutMs = timeoutMs; }
    /// The npm executable, "npm" (looked up in PATH) by default.
    QString npmProgram() const { return m_npmProgram; }
    void setNpmProgram(const QString &program) { m_npmProgram = program; }
    /// How often npm retries a failed request (`--fetch-retries`); npm's default 2 waits over a minute
    /// before reporting an unreachable registry.
    int fetchRetries() const { return m_fetchRetries; }
    void setFetchRetries(int retries) { m_fetchRetries = retries; }

    /**
     * @brief Why @p dependency cannot be installed, as a sentence; empty when it can.
     *
     * The name must be an npm package name (lower case, URL-safe, at most 214 characters, optionally
     * "@scope/name"); the version an exact version, a semver range ("^1.2.0", ">=1 <2", "1.x", "*") or a
     * dist-tag ("latest"). URLs, paths and git specs are refused.
     */
    static QString problem(const ActionDependency &dependency);
    /// The first problem of @p dependencies, including a package listed twice; empty when there is none.
    static QString problem(const QList<ActionDependency> &dependencies);

    /// The SHA-256 (hex) of the sorted "name@version" list: the name of the cache folder.
    static QString cacheKey(const QList<ActionDependency> &dependencies);
    /// The node_modules folder of @p dependencies in the cache, installed or not; empty for none.
    QString modulesDir(const QList<ActionDependency> &dependencies) const;
    /// Whether @p dependencies are installed completely in the cache (true for none).
    bool isInstalled(const QList<ActionDependency> &dependencies) const;

    /**
     * @brief Makes sure @p dependencies are installed in the cache, running npm when they are not.
     *
     * With no dependencies the job succeeds at once with an empty modulesDir(), without npm.
     */
    DependencyInstallJob *install(const QList<ActionDependency> &dependencies);

private:
    void runNpm(DependencyInstallJob *job, const QList<ActionDependency> &dependencies);
    QString registryName() const;

    QString m_cacheRoot;
    QUrl m_registry;
    QString m_npmProgram;
    int m_timeoutMs = DefaultTimeoutMs;
    int m_fetchRetries = 2;
};
