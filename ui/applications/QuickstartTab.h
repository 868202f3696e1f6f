#pragma once

#include "core/model/Application.h"

#include <QWidget>

class MessageBar;
class QLabel;
class QPushButton;
class QPlainTextEdit;
class Tenant;

/**
 * @brief An application's Quickstart tab: set the local URLs, download auth_config.json, run the sample
 *        with `npm start`, and open this application's login page on the tenant's login server.
 */
class QuickstartTab : public QWidget
{
    Q_OBJECT

public:
    static constexpr const char *LocalAppUrl = "http://localhost:3000";

    QuickstartTab(Tenant &tenant, QWidget *parent = nullptr);

    void load(const Application &application);
    /// The auth_config.json the sample apps read: {"domain": ..., "clientId": ...}.
    QByteArray authConfig() const;
    /// Writes authConfig() to @p path; returns an error text, or an empty string on success.
    QString writeAuthConfig(const QString &path) const;

Q_SIGNALS:
    /// The admin asked to fill the Settings tab's URIs with @p url.
    void fillUrisRequested(const QString &url);

private:
    void download();
    void openLoginPage();
    void updateLoginPage();

    Tenant &m_tenant;
    Application m_application;
    MessageBar *m_message;
    QLabel *m_intro;
    QPlainTextEdit *m_preview;
    QPushButton *m_openLogin;
    QLabel *m_loginState;
};
