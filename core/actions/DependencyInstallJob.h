#pragma once

#include "core/common/Result.h"

#include <QObject>
#include <QString>

#include <optional>

class DependencyInstaller;

/**
 * @brief One asynchronous install of a custom action's npm dependencies, made by DependencyInstaller.
 *
 * finished() is emitted exactly once, always from the event loop (never from inside the call that returned
 * the job), so connecting right after receiving the job is safe; then the job deletes itself.
 */
class DependencyInstallJob : public QObject
{
    Q_OBJECT

public:
    /// Whether the job has finished (and so whether succeeded() and error() are final).
    bool isFinished() const { return m_finished; }
    bool succeeded() const { return m_finished && !m_error; }
    /// Why the install failed: Invalid (npm refused a package or version), Unavailable (npm missing,
    /// registry unreachable), Timeout or Storage (the cache folder could not be written).
    const std::optional<Error> &error() const { return m_error; }
    /**
     * @brief The node_modules folder that holds the dependencies, for ScriptRequest::modulesDir.
     *
     * Empty when there were no dependencies to install, or when the job failed.
     */
    const QString &modulesDir() const { return m_modulesDir; }
    /// The dependencies were found installed in the cache; npm did not run.
    bool fromCache() const { return m_fromCache; }

Q_SIGNALS:
    void finished(DependencyInstallJob *job);

private:
    friend class DependencyInstaller;

    explicit DependencyInstallJob(QObject *parent);

    /// Ends the job with the folder @p modulesDir; later calls are ignored.
    void succeed(const QString &modulesDir, bool fromCache);
    /// Ends the job with @p error; later calls are ignored.
    void fail(const Error &error);
    void finish();

    bool m_settled = false; ///< succeed() or fail() was called
    bool m_finished = false; ///< finished() was emitted
    std::optional<Error> m_error;
    QString m_modulesDir;
    bool m_fromCache = false;
};
