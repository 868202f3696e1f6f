#pragma once

#include "core/runtime/ScriptJob.h"
#include "core/runtime/ScriptOutcome.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

class ActionRuntime;
class CodeEditor;

/**
 * @brief Checks the syntax of a CodeEditor's text as it is typed, and shows the problems on their lines.
 *
 * Each change restarts a short timer (DebounceMs); when it runs out, the text is compiled by
 * ActionRuntime::check(). A syntax error becomes the editor's diagnostic on its line; clean code clears
 * them. Only the newest check counts: an older one still running is cancelled. When the code cannot be
 * checked (no Node.js), nothing is marked and notChecked() tells why.
 */
class SyntaxChecker : public QObject
{
    Q_OBJECT

public:
    static constexpr int DebounceMs = 600;

    /// Watches @p editor (not owned; it must outlive the checker or be its parent's child too).
    SyntaxChecker(ActionRuntime &runtime, CodeEditor *editor, QObject *parent = nullptr);

    /// The file name stack traces and messages give the code (e.g. "Send OTP.js").
    void setFileName(const QString &fileName) { m_fileName = fileName; }
    /// Checks the text now, without waiting for the timer.
    void checkNow();
    /// Forgets the problems shown and any check in flight (e.g. before another action is loaded).
    void reset();

Q_SIGNALS:
    /// A check ended: @p status Succeeded or SyntaxError, with "Line N: message" for the latter.
    void checked(ScriptOutcome::Status status, const QString &message);
    /// The code could not be checked (Node.js missing, the worker lost): @p reason in words.
    void notChecked(const QString &reason);

private:
    void onFinished(const ScriptOutcome &outcome);

    ActionRuntime &m_runtime;
    CodeEditor *m_editor;
    QString m_fileName;
    QTimer m_timer;
    QPointer<ScriptJob> m_job;
    bool m_marked = false; ///< the editor shows a syntax error this checker found
};
