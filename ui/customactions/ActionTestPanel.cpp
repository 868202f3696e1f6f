#include "ActionTestPanel.h"

#include "core/actions/CustomActionService.h"
#include "core/runtime/ActionRuntime.h"
#include "core/runtime/ActionTriggers.h"
#include "ui/common/Form.h"
#include "ui/editor/CodeEditor.h"
#include "ui/editor/ConsoleView.h"
#include "ui/editor/JavaScriptHighlighter.h"
#include "ui/shell/Theme.h"

#include <QHBoxLayout>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>

namespace {

/// A muted heading over one part of the result.
QLabel *partLabel(const QString &text, QWidget *buddy, QWidget *parent)
{
    QLabel *label = Form::label(text, buddy, parent);
    label->setProperty("role", QStringLiteral("hint"));
    return label;
}

/// @p json indented by two spaces a level, as the code editor indents.
QString indented(const QJsonDocument &json)
{
    QStringList lines = QString::fromUtf8(json.toJson(QJsonDocument::Indented)).split(QLatin1Char('\n'));
    for (QString &line : lines) {
        int spaces = 0;
        while (spaces < line.size() && line.at(spaces) == QLatin1Char(' '))
            ++spaces;
        line.remove(0, spaces / 2);
    }
    return lines.join(QLatin1Char('\n')).trimmed();
}

} // namespace

ActionTestPanel::ActionTestPanel(CustomActionService &service, ActionRuntime &runtime, QWidget *parent)
    : QWidget(parent)
    , m_service(service)
    , m_runtime(runtime)
    , m_runtimeNote(new QLabel(this))
    , m_payload(new CodeEditor(this))
    , m_payloadError(Form::error(QStringLiteral("testPayloadError"), this))
    , m_reset(Form::button(
          tr("Reset payload"), QStringLiteral("link"), QStringLiteral("resetPayloadButton"), this))
    , m_run(Form::button(tr("Run"), QStringLiteral("primary"), QStringLiteral("runTestButton"), this))
    , m_status(new QLabel(this))
    , m_commands(new QPlainTextEdit(this))
    , m_console(new ConsoleView(this))
    , m_stack(new QPlainTextEdit(this))
    , m_stackLabel(partLabel(tr("Error stack"), m_stack, this))
{
    setObjectName(QStringLiteral("testPanel"));
    setAccessibleName(tr("Test"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 16, 16, 16);
    layout->setSpacing(10);
    layout->addWidget(Form::hint(tr("Runs the code in the editor, saved or not, with this event and the "
                                    "action's secrets and dependencies. Nothing is deployed."),
                                 this));
    m_runtimeNote->setObjectName(QStringLiteral("runtimeNote"));
    m_runtimeNote->setProperty("role", QStringLiteral("preview"));
    m_runtimeNote->setWordWrap(true);
    m_runtimeNote->hide();
    layout->addWidget(m_runtimeNote);

    auto *split = new QSplitter(Qt::Vertical, this);
    split->setChildrenCollapsible(false);
    auto *input = new QWidget(split);
    auto *inputLayout = new QVBoxLayout(input);
    inputLayout->setContentsMargins(0, 0, 0, 6);
    inputLayout->setSpacing(6);
    m_payload->setObjectName(QStringLiteral("testPayload"));
    new JavaScriptHighlighter(m_payload->document());
    inputLayout->addWidget(Form::label(tr("&Payload (event)"), m_payload, input));
    inputLayout->addWidget(m_payload, 1);
    inputLayout->addWidget(m_payloadError);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_reset);
    buttons->addStretch(1);
    m_run->setIcon(Theme::instance().icon(QStringLiteral("run-test"), QStringLiteral("onAccent")));
    m_run->setAccessibleName(tr("Run the test"));
    m_run->setToolTip(tr("Run the code in the editor with this payload"));
    buttons->addWidget(m_run);
    inputLayout->addLayout(buttons);
    split->addWidget(input);

    auto *result = new QWidget(split);
    result->setObjectName(QStringLiteral("testResult"));
    auto *resultLayout = new QVBoxLayout(result);
    resultLayout->setContentsMargins(0, 6, 0, 0);
    resultLayout->setSpacing(6);
    m_status->setObjectName(QStringLiteral("testStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setAccessibleName(tr("Test result"));
    QFont bold = m_status->font();
    bold.setWeight(QFont::DemiBold);
    m_status->setFont(bold);
    resultLayout->addWidget(m_status);
    m_commands->setObjectName(QStringLiteral("testCommands"));
    m_commands->setReadOnly(true);
    m_commands->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_commands->setProperty("role", QStringLiteral("code"));
    m_commands->setPlaceholderText(tr("No api calls"));
    m_commands->setMaximumHeight(110);
    new JavaScriptHighlighter(m_commands->document());
    resultLayout->addWidget(partLabel(tr("API calls"), m_commands, result));
    resultLayout->addWidget(m_commands);
    m_console->setObjectName(QStringLiteral("testConsole"));
    m_console->setPlaceholderText(tr("Nothing was written to the console"));
    resultLayout->addWidget(partLabel(tr("Console"), m_console, result));
    resultLayout->addWidget(m_console, 1);
    m_stack->setObjectName(QStringLiteral("testStack"));
    m_stack->setReadOnly(true);
    m_stack->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_stack->setProperty("role", QStringLiteral("code"));
    m_stack->setMaximumHeight(120);
    resultLayout->addWidget(m_stackLabel);
    resultLayout->addWidget(m_stack);
    split->addWidget(result);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    layout->addWidget(split, 1);

    connect(m_run, &QPushButton::clicked, this, &ActionTestPanel::run);
    connect(m_reset, &QPushButton::clicked, this, &ActionTestPanel::resetPayload);
    connect(m_payload, &CodeEditor::textChanged, this, [this] {
        if (!m_payloadError->isHidden()) {
            Form::setError(m_payloadError, nullptr, {});
            m_payload->clearDiagnostics();
        }
    });
    connect(&runtime, &ActionRuntime::stateChanged, this, &ActionTestPanel::updateRuntimeNote);
    updateRuntimeNote();
    updateRunButton();
    showFailure({});
}

QString ActionTestPanel::samplePayload(const QString &triggerId)
{
    return indented(QJsonDocument(ActionTriggers::sampleEvent(triggerId)));
}

void ActionTestPanel::setAction(const CustomAction &action)
{
    const bool other = action.id != m_action.id || action.triggerId != m_action.triggerId;
    m_action = action;
    if (!other)
        return;
    if (m_job) {
        disconnect(m_job, nullptr, this, nullptr);
        m_job = nullptr;
    }
    resetPayload();
    showFailure({});
    updateRunButton();
}

void ActionTestPanel::resetPayload()
{
    m_payload->setPlainText(samplePayload(m_action.triggerId));
    Form::setError(m_payloadError, nullptr, {});
    m_payload->clearDiagnostics();
}

bool ActionTestPanel::run()
{
    if (m_job || m_action.id.isEmpty())
        return false;
    const QString text = m_payload->toPlainText();
    const QByteArray bytes = text.toUtf8();
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError) {
        const QString before = QString::fromUtf8(bytes.left(error.offset));
        const int line = int(before.count(QLatin1Char('\n'))) + 1;
        const int column = int(before.size() - before.lastIndexOf(QLatin1Char('\n')));
        Form::setError(m_payloadError,
                       nullptr,
                       tr("The payload is not valid JSON: %1 at line %2, column %3.")
                           .arg(error.errorString())
                           .arg(line)
                           .arg(column));
        m_payload->setDiagnostics({{line, column, error.errorString()}});
        return false;
    }
    if (!document.isObject()) {
        Form::setError(m_payloadError, nullptr, tr("The payload must be a JSON object: the event, { … }."));
        return false;
    }
    Form::setError(m_payloadError, nullptr, {});
    m_payload->clearDiagnostics();

    const Draft draft = m_draftSource ? m_draftSource() : Draft {m_action.code, m_action.dependencies};
    const bool focused = m_run->hasFocus();
    m_job = m_service.test(m_action.id, draft.code, draft.dependencies, document.object());
    updateRunButton();
    connect(m_job, &CustomActionJob::finished, this, [this, focused](CustomActionJob *job) {
        m_job = nullptr;
        updateRunButton();
        if (focused)
            m_run->setFocus(); // the button lost it while disabled
        if (job->succeeded()) {
            const ScriptOutcome &outcome = job->outcome();
            showOutcome(outcome);
            if (!outcome.succeeded() && outcome.line > 0)
                Q_EMIT errorAt(outcome.line, qMax(1, outcome.column), outcome.error);
        } else
            showFailure(job->error()->message());
        Q_EMIT runFinished(job->succeeded());
    });
    return true;
}

void ActionTestPanel::showOutcome(const ScriptOutcome &outcome)
{
    using Status = ScriptOutcome::Status;
    switch (outcome.status) {
    case Status::Succeeded:
        setStatus(tr("Succeeded in %1 ms").arg(QLocale().toString(outcome.durationMs, 'f', 1)),
                  QStringLiteral("success"));
        break;
    case Status::Threw:
        setStatus(tr("Threw: %1").arg(outcome.error), QStringLiteral("error"));
        break;
    case Status::OutOfMemory:
        setStatus(tr("Stopped: %1").arg(outcome.error), QStringLiteral("error"));
        break;
    default:
        setStatus(outcome.error, QStringLiteral("error"));
        break;
    }
    m_commands->setPlainText(outcome.commands.isEmpty() ? QString()
                                                        : indented(QJsonDocument(outcome.commands)));
    m_console->setLines(outcome.console);
    const bool threw = outcome.status == Status::Threw && !outcome.stack.isEmpty();
    m_stack->setPlainText(threw ? outcome.stack : QString());
    m_stackLabel->setVisible(threw);
    m_stack->setVisible(threw);
}

void ActionTestPanel::showFailure(const QString &message)
{
    if (message.isEmpty())
        setStatus(tr("Not run yet."), QStringLiteral("muted"));
    else
        setStatus(tr("The test did not run: %1").arg(message), QStringLiteral("error"));
    m_commands->clear();
    m_console->clearLines();
    m_stack->clear();
    m_stackLabel->hide();
    m_stack->hide();
}

void ActionTestPanel::setStatus(const QString &text, const QString &role)
{
    m_status->setText(text);
    m_status->setProperty("role", role);
    Form::repolish(m_status);
}

void ActionTestPanel::updateRuntimeNote()
{
    const bool unavailable = m_runtime.state() == ActionRuntime::State::Unavailable;
    m_runtimeNote->setText(unavailable ? tr("%1. Tests and the syntax check need it; everything else on "
                                            "this page works without it.")
                                             .arg(m_runtime.unavailableReason())
                                       : QString());
    m_runtimeNote->setVisible(unavailable);
}

void ActionTestPanel::updateRunButton()
{
    m_run->setEnabled(!m_job && !m_action.id.isEmpty());
    m_run->setText(m_job ? tr("Running…") : tr("Run"));
}
