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
    void policyClicked(int id);
    void updateState();

    Tenant &m_tenant;
    MessageBar *m_message;
    QLabel *m_phoneState;
    QLabel *m_phoneNote;
    QButtonGroup *m_policy;
    QRadioButton *m_never;
    QRadioButton *m_always;
    QPushButton *m_save;
};
