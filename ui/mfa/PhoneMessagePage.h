#pragma once

#include "ui/shell/Page.h"

#include <QPointer>

class MessageBar;
class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class PipelineRun;
class QVBoxLayout;
class TemplateEditor;
class Tenant;
struct Execution;
struct ActionRunResult;

/**
 * @brief The Phone Message factor: on or off, delivery through the Send Phone Message flow (Custom)
 *        by SMS, its message templates, and Send test message through the real flow.
 */
class PhoneMessagePage : public Page
{
    Q_OBJECT

public:
    PhoneMessagePage(Tenant &tenant, QWidget *parent = nullptr);

    void open(const QString &argument) override;
    bool confirmLeave() override;
    bool save();
    /// Runs the Send Phone Message flow with a test code to the number typed in.
    void sendTest();

private:
    void load();
    void updateState();
    void showResult(const ActionRunResult &result);

    Tenant &m_tenant;
    MessageBar *m_message;
    QCheckBox *m_enabled;
    QLabel *m_flowNote;
    TemplateEditor *m_enrollment;
    TemplateEditor *m_verification;
    QPushButton *m_save;
    QLineEdit *m_testNumber;
    QLabel *m_testError;
    QPushButton *m_send;
    QVBoxLayout *m_results;
    QPointer<PipelineRun> m_run;
};
