#pragma once

#include "ui/shell/Page.h"

class MessageBar;
class QButtonGroup;
class QLabel;
class QPushButton;
class QRadioButton;
class Tenant;

/**
 * @brief Security > Multi-factor Auth: the factors Authdeck supports, and the policy that says when
 *        MFA is required.
 */
class MultiFactorPage : public Page
{
    Q_OBJECT

public:
    MultiFactorPage(Tenant &tenant, QWidget *parent = nullptr);

    void open(const QString &argument) override;
    bool confirmLeave() override;
    bool savePolicy();

private:
    void load();
    /// Every way of choosing a policy ends here: a click, the arrow keys, Space, an assistive tool's toggle.
    void policyToggled(int id, bool checked);
    /// Asks before Always is chosen; false when the admin did not confirm.
    bool confirmAlways();
    void updateState();

    Tenant &m_tenant;
    MessageBar *m_message;
    QLabel *m_phoneState;
    QLabel *m_phoneNote;
    QButtonGroup *m_policy;
    QRadioButton *m_never;
    QRadioButton *m_always;
    QPushButton *m_save;
    /// Set while the page itself checks a radio (loading, or reverting a cancelled choice).
    bool m_settingChoice = false;
};
