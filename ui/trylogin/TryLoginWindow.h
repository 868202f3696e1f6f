#pragma once

#include "core/login/LoginEngine.h"
#include "core/login/LoginTransaction.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;
class Tenant;

/**
 * @brief Try your login: the login screens as Universal Login shows them, driven by a real login
 *        transaction of the tenant, beside a live timeline of what happens (steps, actions, SMS).
 */
class TryLoginWindow : public QWidget
{
    Q_OBJECT

public:
    TryLoginWindow(Tenant &tenant, const LoginContext &context, QWidget *parent = nullptr);

    LoginTransaction *transaction() const { return m_transaction; }
    /// Starts a new attempt on the Welcome screen.
    void restart();

private:
    QWidget *buildLogin(bool signUp);
    QWidget *buildEnroll();
    QWidget *buildChallenge();
    QWidget *buildDone();
    QWidget *buildFailed();
    QWidget *screen(const QString &objectName, const QString &title, const QString &text);
    void showState(LoginTransaction::State state);
    void showError(const QString &error);
    void updateResend();
    void addTimeline(const TimelineEntry &entry);

    Tenant &m_tenant;
    LoginContext m_context;
    LoginTransaction *m_transaction = nullptr;
    QStackedWidget *m_screens;
    QListWidget *m_timeline;
    QList<QLabel *> m_errors; ///< one per screen, in stack order
    QLineEdit *m_email;
    QLineEdit *m_password;
    QLineEdit *m_signUpEmail;
    QLineEdit *m_signUpPassword;
    QComboBox *m_country;
    QLineEdit *m_phone;
    QLabel *m_masked;
    QLineEdit *m_code;
    QPushButton *m_resend;
    QPlainTextEdit *m_profile;
    QPushButton *m_backToLogin;
    QList<QPushButton *> m_actions;
};
