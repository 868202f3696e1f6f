#include "PipelineRun.h"

#include "core/delivery/SmsSend.h"
#include "core/runtime/ScriptOutcome.h"
#include "core/store/ExecutionRepository.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcPipeline, "authdeck.pipeline")

namespace {

const QString kFinal = QStringLiteral("final");
const QString kPartial = QStringLiteral("partial");
const QString kFailed = QStringLiteral("failed");

} // namespace

PipelineRun::PipelineRun(ExecutionRepository &executions,
                         Execution execution,
                         QJsonObject event,
                         QObject *parent)
    : QObject(parent)
    , m_executions(executions)
    , m_execution(std::move(execution))
    , m_event(std::move(event))
{ }

PipelineRun::~PipelineRun() = default;

void PipelineRun::start(QList<Step> steps, const QString &error)
{
    m_steps = std::move(steps);
    QMetaObject::invokeMethod(
        this,
        [this, error] {
            if (error.isEmpty())
                return runNext();
            m_execution.error = error;
            finish();
        },
        Qt::QueuedConnection);
}

void PipelineRun::runNext()
{
    ++m_current;
    if (m_current >= m_steps.size())
        return finish();
    const Step &step = m_steps.at(m_current);
    ActionRunResult result;
    result.index = m_current;
    result.actionId = step.actionId;
    result.actionName = step.actionName;
    result.startedAt = QDateTime::currentDateTimeUtc();
    m_execution.results.append(result);
    Q_EMIT actionStarted(m_current, step.actionName);

    step.start(this);
}

void PipelineRun::followSend(SmsSend *send, const QString &error)
{
    if (!send)
        return endAction(error.isEmpty() ? tr("The message was not handed over.") : error);
    follow(m_current, send);
}

void PipelineRun::follow(int index, SmsSend *send)
{
    ++m_followed;
    connect(send, &SmsSend::accepted, this, [this](const QString &uuid) { endAction({}, uuid); });
    connect(send, &SmsSend::failed, this, [this](const QString &error) { endAction(error, {}); });
    connect(send, &SmsSend::stateChanged, this, [this, index](const PlivoMessage &message) {
        ActionRunResult &result = m_execution.results[index];
        if (message.state.isEmpty() || message.state == result.deliveryState)
            return;
        result.deliveryState = message.state;
        if (m_finished) {
            if (auto updated = m_executions.updateDeliveryState(m_execution.id, index, message.state);
                !updated)
                qCWarning(lcPipeline) << "cannot record the delivery state:" << updated.error().message();
        }
        Q_EMIT deliveryStateChanged(index, result.messageUuid, message.state);
    });
    connect(send, &SmsSend::finished, this, [this] {
        --m_followed;
        deleteWhenDone();
    });
}

void PipelineRun::endCustomAction(const QString &error, const ScriptOutcome &outcome)
{
    QStringList &console = m_execution.results[m_current].console;
    for (const ConsoleLine &line : outcome.console)
        console.append(line.level + QStringLiteral(": ") + line.text);
    endAction(error);
}

void PipelineRun::endAction(const QString &error, const QString &messageUuid)
{
    ActionRunResult &result = m_execution.results[m_current];
    result.endedAt = QDateTime::currentDateTimeUtc();
    result.succeeded = error.isEmpty();
    result.error = error;
    result.messageUuid = messageUuid;
    if (!messageUuid.isEmpty())
        result.deliveryState = QStringLiteral("queued");
    Q_EMIT actionFinished(result);
    if (!error.isEmpty()) {
        m_execution.error = tr("%1 failed: %2").arg(result.actionName, error);
        return finish();
    }
    runNext();
}

void PipelineRun::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    int succeeded = 0;
    for (const ActionRunResult &result : std::as_const(m_execution.results))
        succeeded += result.succeeded ? 1 : 0;
    if (m_execution.error.isEmpty() && succeeded == 0)
        m_execution.error = tr("No action ran.");
    m_execution.status = m_execution.error.isEmpty() ? kFinal : succeeded > 0 ? kPartial : kFailed;
    if (auto recorded = m_executions.record(m_execution); !recorded)
        qCWarning(lcPipeline) << "cannot record execution" << m_execution.id << recorded.error().message();
    Q_EMIT finished(m_execution);
    deleteWhenDone();
}

void PipelineRun::deleteWhenDone()
{
    if (m_finished && m_followed == 0)
        deleteLater();
}
