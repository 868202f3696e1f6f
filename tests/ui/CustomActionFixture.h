#pragma once

// What the custom action suites share: a tenant with one Send Phone Message action, the real page on it,
// waiting for the service's jobs, and the texts every widget shows (to prove a secret is in none).

#include "core/model/CustomAction.h"
#include "core/runtime/ScriptOutcome.h"
#include "tests/support/TempTenant.h"
#include "ui/customactions/CustomActionPage.h"

#include <QStringList>

#include <memory>
#include <optional>

class CodeEditor;
class CustomActionJob;
class CustomActionService;
class QWidget;

inline const QString kTrigger = QStringLiteral("send-phone-message");
inline const QString kActionName = QStringLiteral("Send OTP");

/// A Send Phone Message handler with @p body as its body (each line indented by the caller).
QString handlerCode(const QString &body);

/// What a CustomActionJob reported, kept after the job has deleted itself.
struct JobOutcome
{
    bool succeeded = false;
    std::optional<Error> error;
    CustomAction action;
    CustomActionVersion version;
    ScriptOutcome outcome;

    QString message() const { return error ? error->message() : QString(); }
};

/// Waits (up to a minute) until @p job finishes; one that does not comes back failed with a Timeout.
JobOutcome waitFor(CustomActionJob *job);

/// Every text shown by every widget of the application: labels, buttons, fields, editors, list rows,
/// window titles, tooltips.
QStringList allWidgetTexts();

/// Replaces @p editor's text with @p code as a paste does (typing would be re-indented by the editor).
void pasteCode(CodeEditor *editor, const QString &code);

/// The shared fixture; a suite derives from it next to QObject and calls setUp() and tearDown().
class CustomActionFixture
{
protected:
    /// Settings of the suite named @p name stay in test mode, apart from other suites.
    static void initApplication(const QString &name);
    /// A fresh tenant with kActionName (draft: @p code, or the trigger's skeleton when empty) and the page
    /// on it, shown and open on that action. Fails the test when any of it cannot be made.
    void setUp(const QString &code = {});
    void tearDown();

    CustomActionService &service();
    /// The action as stored now.
    CustomAction stored();
    /// Deploys the stored draft of the action; fails the test unless it succeeds.
    void deployStored();
    /**
     * @brief Waits until every job asked of the service so far has finished: the service runs its jobs
     *        one after the other, so a job queued now (removing an action that does not exist, which
     *        changes nothing) finishes after them. Fails the test when it does not finish.
     */
    void settleJobs();
    /// A new page on the same tenant, open on the action (as when the admin comes back to it).
    std::unique_ptr<CustomActionPage> reopenedPage();

    /// The page's widget @p name of type T (nullptr when there is none).
    template<typename T>
    T *find(const QString &name) const
    {
        return m_page->findChild<T *>(name);
    }
    CodeEditor *editor() const;
    /// The text of the page's message bar ("" when it is hidden).
    QString message() const;
    /// The text of the status pill.
    QString status() const;

    std::unique_ptr<TempTenant> m_tenant;
    std::unique_ptr<CustomActionPage> m_page;
    CustomAction m_action;
};
