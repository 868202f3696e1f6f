#pragma once

#include "core/actions/CustomActionJob.h"
#include "core/model/CustomAction.h"
#include "core/runtime/ScriptOutcome.h"

#include <QPointer>
#include <QWidget>

#include <functional>

class ActionRuntime;
class CodeEditor;
class ConsoleView;
class CustomActionService;
class QLabel;
class QPlainTextEdit;
class QPushButton;

/**
 * @brief The Test section of the action editor's sidebar, as Auth0's: an editable JSON event prefilled
 *        with the trigger's sample, Run, and what the run did.
 *
 * Run hands the code and dependencies the editor holds now (saved or not) and the payload to
 * CustomActionService::test(), which adds the action's secrets; nothing is deployed. The result shows how the
 * run ended ("Succeeded in 12.3 ms", "Threw: TypeError: …", "Timed out after 20 s"), the api calls it made as
 * JSON, its console output and, when it threw, the error's stack. A payload that is not a JSON object is
 * refused under the editor, with the position of the error. When Node.js cannot be used, a note says so.
 */
class ActionTestPanel : public QWidget
{
    Q_OBJECT

public:
    ActionTestPanel(CustomActionService &service, ActionRuntime &runtime, QWidget *parent = nullptr);

    /// What Run tests: the draft as the page's editor holds it, saved or not.
    struct Draft
    {
        QString code;
        QList<ActionDependency> dependencies;
    };
    /// Where Run takes the draft from; without one, the saved draft is tested.
    void setDraftSource(std::function<Draft()> source) { m_draftSource = std::move(source); }
    /// Tests @p action; another action (or trigger) resets the payload to its sample and clears the result.
    void setAction(const CustomAction &action);

    /// The sample event of @p triggerId as the payload editor shows it: indented JSON.
    static QString samplePayload(const QString &triggerId);
    /// Puts the trigger's sample event back into the payload editor.
    void resetPayload();

    /// Runs the editor's code with the payload; false (with the reason shown) when the payload is refused
    /// or a run is already going.
    bool run();

Q_SIGNALS:
    /// A run ended; @p ran is false when it could not start (secrets or dependencies missing).
    void runFinished(bool ran);
    /// The run threw (or did not compile) at @p line, @p column of the code tested (1-based).
    void errorAt(int line, int column, const QString &message);

private:
    void showOutcome(const ScriptOutcome &outcome);
    /// Shows that the run could not start because of @p message; an empty one clears the result.
    void showFailure(const QString &message);
    void setStatus(const QString &text, const QString &role);
    void updateRuntimeNote();
    void updateRunButton();

    CustomActionService &m_service;
    ActionRuntime &m_runtime;
    std::function<Draft()> m_draftSource;
    CustomAction m_action;
    QLabel *m_runtimeNote;
    CodeEditor *m_payload;
    QLabel *m_payloadError;
    QPushButton *m_reset;
    QPushButton *m_run;
    QLabel *m_status;
    QPlainTextEdit *m_commands;
    ConsoleView *m_console;
    QPlainTextEdit *m_stack;
    QLabel *m_stackLabel;
    QPointer<CustomActionJob> m_job;
};
