#include "SyntaxChecker.h"

#include "core/runtime/ActionRuntime.h"
#include "core/runtime/ScriptJob.h"
#include "ui/editor/CodeEditor.h"

SyntaxChecker::SyntaxChecker(ActionRuntime &runtime, CodeEditor *editor, QObject *parent)
    : QObject(parent)
    , m_runtime(runtime)
    , m_editor(editor)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(DebounceMs);
    connect(&m_timer, &QTimer::timeout, this, &SyntaxChecker::checkNow);
    connect(editor, &CodeEditor::textChanged, &m_timer, qOverload<>(&QTimer::start));
}

void SyntaxChecker::checkNow()
{
    m_timer.stop();
    if (m_job) {
        disconnect(m_job, nullptr, this, nullptr);
        m_job->cancel();
    }
    m_job = m_runtime.check(m_editor->toPlainText(), m_fileName);
    connect(m_job, &ScriptJob::finished, this, &SyntaxChecker::onFinished);
}

void SyntaxChecker::reset()
{
    m_timer.stop();
    if (m_job) {
        disconnect(m_job, nullptr, this, nullptr);
        m_job->cancel();
        m_job = nullptr;
    }
    m_editor->clearDiagnostics();
    m_marked = false;
}

void SyntaxChecker::onFinished(const ScriptOutcome &outcome)
{
    m_job = nullptr;
    if (outcome.status == ScriptOutcome::Status::SyntaxError) {
        QString message = outcome.error;
        if (message.startsWith(QLatin1String("SyntaxError: ")))
            message = message.mid(int(qstrlen("SyntaxError: ")));
        const int line = qMax(outcome.line, 1);
        m_editor->setDiagnostics({{line, qMax(outcome.column, 1), message}});
        m_marked = true;
        Q_EMIT checked(outcome.status, tr("Line %1: %2").arg(line).arg(message));
        return;
    }
    // Only its own mark: one a test run left (where the code threw) stays until the code changes.
    if (m_marked)
        m_editor->clearDiagnostics();
    m_marked = false;
    if (outcome.succeeded())
        Q_EMIT checked(outcome.status, {});
    else if (outcome.status != ScriptOutcome::Status::Cancelled)
        Q_EMIT notChecked(outcome.error);
}
