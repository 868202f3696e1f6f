#pragma once

#include <QObject>
#include <QRandomGenerator>
#include <QTemporaryDir>

#include <memory>

class LoginTransaction;
class Tenant;

/**
 * @brief The writer that tst_crashsafety kills: the real multi-step writes of an admin and a login, in a
 * loop.
 *
 * Each round picks one operation at random: create or delete a confidential application (a row and a client
 * secret), install, reconfigure or uninstall Plivo with its secrets, create, deploy, give a secret to or
 * delete a custom action, apply the Send Phone Message flow, import a Deploy CLI file (an application and an
 * action with a secret), or a sign-up that enrolls a phone and answers the code (when the demo setup is
 * whole; otherwise the demo seeder runs first). It prints "op NAME" before each operation, so that a failure
 * names what was cut short.
 */
class CrashWriter : public QObject
{
    Q_OBJECT

public:
    CrashWriter(Tenant &tenant, quint32 seed, QObject *parent = nullptr);
    ~CrashWriter() override;

    /// Writes until the process is killed.
    void start();

private:
    void next();
    void say(const char *operation);
    void createApplication();
    void deleteApplication();
    void changePlivo();
    void changeCustomAction();
    void deployCustomAction();
    void applyFlow();
    void importTenant();
    void signUpAndEnroll();
    void seedDemo();
    void answerLogin();

    Tenant &m_tenant;
    QRandomGenerator m_random;
    QTemporaryDir m_files;
    std::unique_ptr<LoginTransaction> m_login;
    int m_round = 0;
};
