#pragma once

#include "core/common/Result.h"
#include "core/model/CustomAction.h"
#include "core/runtime/ScriptOutcome.h"

#include <QByteArray>
#include <QHash>
#include <QObject>

#include <optional>

class CustomActionService;

/**
 * @brief One asynchronous operation on a custom action: a deploy, a secret change, reading its secrets,
 *        its removal or a test run.
 *
 * These go through the secret store, npm or Node.js, so they cannot answer at once. finished() is emitted
 * exactly once, always from the event loop (never from inside the call that returned the job), so
 * connecting right after receiving the job is safe; then the job deletes itself.
 */
class CustomActionJob : public QObject
{
    Q_OBJECT

public:
    enum class Operation
    {
        Deploy,
        SetSecret,
        RemoveSecret,
        ReadSecrets,
        Remove,
        Test,
    };
    Q_ENUM(Operation)

    Operation operation() const { return m_operation; }
    /// Whether the job has finished (and so whether succeeded() and error() are final).
    bool isFinished() const { return m_finished; }
    bool succeeded() const { return m_finished && !m_error; }
    /// Why the job failed: Invalid, NotFound, Conflict, Storage, Unavailable or Timeout.
    const std::optional<Error> &error() const { return m_error; }
    /// The action as stored after the job (as it was before, for Remove); empty when the job failed.
    const CustomAction &action() const { return m_action; }
    /// Deploy: the new version, now the deployed one.
    const CustomActionVersion &version() const { return m_version; }
    /// ReadSecrets: the value of each secret, by name. Never logged, never stored by Authdeck.
    const QHash<QString, QByteArray> &secretValues() const { return m_secretValues; }
    /// Test: how the run ended (a thrown error is a successful job with a Threw outcome).
    const ScriptOutcome &outcome() const { return m_outcome; }

Q_SIGNALS:
    void finished(CustomActionJob *job);

private:
    friend class CustomActionService;

    CustomActionJob(Operation operation, QObject *parent);

    void setVersion(const CustomActionVersion &version) { m_version = version; }
    void setSecretValues(const QHash<QString, QByteArray> &values) { m_secretValues = values; }
    void setOutcome(const ScriptOutcome &outcome) { m_outcome = outcome; }
    /// Ends the job with @p action; later calls are ignored.
    void succeed(const CustomAction &action);
    /// Ends the job with @p error; later calls are ignored.
    void fail(const Error &error);
    void finish();

    Operation m_operation;
    bool m_settled = false; ///< succeed() or fail() was called
    bool m_finished = false; ///< finished() was emitted
    std::optional<Error> m_error;
    CustomAction m_action;
    CustomActionVersion m_version;
    QHash<QString, QByteArray> m_secretValues;
    ScriptOutcome m_outcome;
};
