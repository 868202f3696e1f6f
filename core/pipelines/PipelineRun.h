#pragma once

#include "core/model/Execution.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>

#include <functional>

class ExecutionRepository;
class SmsSend;
struct ScriptOutcome;

/**
 * @brief A flow running, as PhoneMessagePipeline::send() returns it.
 *
 * Everything happens asynchronously: connect right after receiving the run. Signals come in this
 * order: for each action actionStarted() then actionFinished(); finished() exactly once, after the last
 * action was accepted or one failed, and after the execution was recorded in the ExecutionRepository.
 * deliveryStateChanged() follows each SMS an action handed over, and keeps coming after finished() until
 * the message's state is final (the recorded execution is updated too). The run deletes itself once it
 * has finished and no delivery is followed any more; hold it in a QPointer to keep it longer.
 */
class PipelineRun : public QObject
{
    Q_OBJECT

public:
    ~PipelineRun() override;

    const Execution &execution() const { return m_execution; }
    bool isFinished() const { return m_finished; }
    /// The event as sent to the actions (with the code and the text); each action also gets its own
    /// configuration and secrets, which are never part of this object.
    QJsonObject actionEvent() const { return m_event; }

Q_SIGNALS:
    void actionStarted(int index, const QString &actionName);
    void actionFinished(const ActionRunResult &result);
    void deliveryStateChanged(int index, const QString &messageUuid, const QString &state);
    void finished(const Execution &execution);

private:
    friend class PhoneMessagePipeline;

    /// One action of the flow, ready to run.
    struct Step
    {
        QString actionId;
        QString actionName;
        /**
         * Runs the action, then reports exactly once, now or later: run->endAction(error) for an action that
         * only computes (a custom action), or run->followSend(send) for one that hands over an SMS.
         */
        std::function<void(PipelineRun *run)> start;
    };

    PipelineRun(ExecutionRepository &executions, Execution execution, QJsonObject event, QObject *parent);
    /// Runs @p steps in order on the next turn of the event loop; with @p error, fails at once instead.
    void start(QList<Step> steps, const QString &error = {});
    void runNext();
    /// The current action handed @p send over (or failed to: null with @p error); follows it.
    void followSend(SmsSend *send, const QString &error = {});
    /// The current action ended; an empty @p error when it succeeded.
    void endAction(const QString &error, const QString &messageUuid = {});
    /// The current custom action ended with @p outcome (its console lines are kept in the result).
    void endCustomAction(const QString &error, const ScriptOutcome &outcome);
    void follow(int index, SmsSend *send);
    void finish();
    void deleteWhenDone();

    ExecutionRepository &m_executions;
    Execution m_execution;
    QJsonObject m_event;
    QList<Step> m_steps;
    int m_current = -1;
    int m_followed = 0; ///< deliveries still followed
    bool m_finished = false;
};
