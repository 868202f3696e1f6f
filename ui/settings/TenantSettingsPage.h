#pragma once

#include "core/settings/TenantSettings.h"
#include "ui/shell/Page.h"

class LoginServer;
class MessageBar;
class QComboBox;
class QFrame;
class QLabel;
class QCheckBox;
class QLineEdit;
class QPushButton;
class QSpinBox;
class UserStore;

/**
 * @brief Tenant Settings: friendly name, domain, environment tag and how long logs are kept (saved
 *        together), the login server (its state, Start and Stop, the signing keys), and whether people may
 *        sign up on the login page (a switch that applies at once).
 */
class TenantSettingsPage : public Page
{
    Q_OBJECT

public:
    TenantSettingsPage(TenantSettings &settings,
                       UserStore &users,
                       LoginServer &server,
                       QWidget *parent = nullptr);

    void open(const QString &argument) override;
    bool confirmLeave() override;
    bool save();

private:
    void load();
    void updateState();
    TenantSettings::Values typed() const;
    QFrame *buildGeneralCard();
    QFrame *buildSignUpsCard();
    void setSignUps(bool enabled);

    TenantSettings &m_settings;
    UserStore &m_users;
    MessageBar *m_message;
    QLineEdit *m_name;
    QLabel *m_nameError;
    QLineEdit *m_domain;
    QLabel *m_domainError;
    QComboBox *m_environment;
    QSpinBox *m_retention;
    QLabel *m_retentionError;
    QCheckBox *m_signUps;
    QPushButton *m_save;
};
