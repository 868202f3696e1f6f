#pragma once

#include "shell/Page.h"

class MessageBar;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class TenantSettings;

/**
 * @brief Tenant Settings: friendly name, domain and environment tag.
 */
class TenantSettingsPage : public Page
{
    Q_OBJECT

public:
    TenantSettingsPage(TenantSettings &settings, QWidget *parent = nullptr);

    void open(const QString &argument) override;
    bool confirmLeave() override;
    bool save();

private:
    void load();
    void updateState();

    TenantSettings &m_settings;
    MessageBar *m_message;
    QLineEdit *m_name;
    QLabel *m_nameError;
    QLineEdit *m_domain;
    QLabel *m_domainError;
    QComboBox *m_environment;
    QPushButton *m_save;
};
