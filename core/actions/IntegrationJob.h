#pragma once

#include "core/common/Result.h"
#include "core/model/Integration.h"

#include <QHash>
#include <QObject>

#include <optional>

class IntegrationService;

/**
 * @brief One asynchronous install, reconfiguration or uninstall of an integration.
 *
 * The secrets of an integration go through the asynchronous secret store, so these operations cannot
 * answer at once. finished() is emitted exactly once, always from the event loop (never from inside
 * the call that returned the job), so connecting right after receiving the job is safe; then the job
 * deletes itself.
 */
class IntegrationJob : public QObject
{
    Q_OBJECT

public:
    enum class Operation
    {
        Install,
        Reconfigure,
        Uninstall
    };
    Q_ENUM(Operation)

    Operation operation() const { return m_operation; }
    /// Whether the job has finished (and so whether succeeded() and error() are final).
    bool isFinished() const { return m_finished; }
    bool succeeded() const { return m_finished && !m_error; }
    /// Why the job failed: Invalid (see problems()), NotFound, Conflict, Storage or Unavailable.
    const std::optional<Error> &error() const { return m_error; }
    /**
     * @brief The integration as stored after the job: installed, reconfigured (with its new revision),
     *        or as it was before it was uninstalled. Empty when the job failed.
     */
    const Integration &integration() const { return m_integration; }
    /// For an Invalid error: the rule each input broke, by input key (as IntegrationService::validate).
    const QHash<QString, QString> &problems() const { return m_problems; }

Q_SIGNALS:
    void finished(IntegrationJob *job);

private:
    friend class IntegrationService;

    IntegrationJob(Operation operation, QObject *parent);

    /// Ends the job with @p integration; later calls are ignored.
    void succeed(const Integration &integration);
    /// Ends the job with @p error; later calls are ignored.
    void fail(const Error &error, const QHash<QString, QString> &problems = {});
    void finish();

    Operation m_operation;
    bool m_settled = false; ///< succeed() or fail() was called
    bool m_finished = false; ///< finished() was emitted
    std::optional<Error> m_error;
    Integration m_integration;
    QHash<QString, QString> m_problems;
};
