#include "MultiFactorPage.h"

#include "core/mfa/MfaService.h"
#include "core/tenant/Tenant.h"
#include "ui/common/ConfirmationBox.h"
#include "ui/common/Form.h"
#include "ui/common/MessageBar.h"
#include "ui/common/UnsavedChanges.h"
#include "ui/shell/Theme.h"

#include <QButtonGroup>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QRadioButton>
#include <QScopedValueRollback>
#include <QVBoxLayout>

MultiFactorPage::MultiFactorPage(Tenant &tenant, QWidget *parent)
    : Page(parent)
    , m_tenant(tenant)
    , m_message(new MessageBar(this))
    , m_phoneState(new QLabel(this))
    , m_phoneNote(Form::hint({}, this))
    , m_policy(new QButtonGroup(this))
    , m_never(new QRadioButton(tr("Never"), this))
    , m_always(new QRadioButton(tr("Always"), this))
    , m_save(Form::button(tr("Save"), QStringLiteral("primary"), QStringLiteral("savePolicyButton"), this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(40, 32, 40, 32);
    layout->setSpacing(16);
    layout->addWidget(
        Form::pageHeader(tr("Multi-factor Auth"),
                         tr("Ask users for a second factor, such as a code sent to their phone, when "
                            "they log in.")));
    layout->addWidget(m_message);

    layout->addWidget(Form::section(tr("Factors"), this));
    // Only the factors Authdeck really runs are listed; each further factor adds a row here.
    QFrame *phone = Form::card(this);
    phone->setObjectName(QStringLiteral("factor-sms"));
    auto *row = new QHBoxLayout(phone);
    row->setContentsMargins(16, 14, 16, 14);
    row->setSpacing(14);
    auto *icon = new QLabel(phone);
    icon->setPixmap(Theme::instance().icon(QStringLiteral("phone"), QStringLiteral("accent")).pixmap(28, 28));
    row->addWidget(icon, 0, Qt::AlignTop);
    auto *text = new QVBoxLayout;
    auto *name = new QLabel(tr("Phone Message"), phone);
    name->setProperty("role", QStringLiteral("fieldLabel"));
    text->addWidget(name);
    text->addWidget(Form::hint(tr("Users receive a 6-digit code by SMS."), phone));
    m_phoneNote->setObjectName(QStringLiteral("phoneFactorNote"));
    text->addWidget(m_phoneNote);
    row->addLayout(text, 1);
    m_phoneState->setObjectName(QStringLiteral("phoneFactorState"));
    m_phoneState->setProperty("role", QStringLiteral("badge"));
    row->addWidget(m_phoneState, 0, Qt::AlignVCenter);
    auto *configure = Form::button(tr("Configure"), {}, QStringLiteral("configurePhoneButton"), phone);
    configure->setAccessibleName(tr("Configure Phone Message"));
    row->addWidget(configure, 0, Qt::AlignVCenter);
    layout->addWidget(phone);

    layout->addSpacing(8);
    layout->addWidget(Form::section(tr("Define policies"), this));
    QFrame *policy = Form::card(this);
    policy->setObjectName(QStringLiteral("policyCard"));
    auto *policyLayout = new QVBoxLayout(policy);
    policyLayout->setContentsMargins(20, 16, 20, 16);
    policyLayout->setSpacing(8);
    policyLayout->addWidget(Form::label(tr("Require Multi-factor Auth"), nullptr, policy));
    m_never->setObjectName(QStringLiteral("policyNever"));
    m_always->setObjectName(QStringLiteral("policyAlways"));
    m_policy->addButton(m_never, int(MfaPolicy::Never));
    m_policy->addButton(m_always, int(MfaPolicy::Always));
    policyLayout->addWidget(m_never);
    policyLayout->addWidget(Form::hint(tr("MFA is never required."), policy));
    policyLayout->addWidget(m_always);
    policyLayout->addWidget(Form::hint(tr("Every user must enroll and use a factor on every login, in every "
                                          "application."),
                                       policy));
    policyLayout->addWidget(m_save, 0, Qt::AlignRight);
    layout->addWidget(policy);
    layout->addStretch(1);

    connect(configure, &QPushButton::clicked, this, [this] { Q_EMIT navigate(Page::Id::PhoneMessage); });
    connect(m_policy, &QButtonGroup::idToggled, this, &MultiFactorPage::policyToggled);
    connect(m_save, &QPushButton::clicked, this, &MultiFactorPage::savePolicy);
    connect(&tenant.mfa(), &MfaService::changed, this, [this] {
        if (!m_save->isEnabled())
            load();
    });
}

void MultiFactorPage::open(const QString &)
{
    m_message->clear();
    load();
}

void MultiFactorPage::load()
{
    const MfaService &mfa = m_tenant.mfa();
    const bool enabled = mfa.phoneFactor().enabled;
    m_phoneState->setText(enabled ? tr("Enabled") : tr("Disabled"));
    m_phoneNote->setText(tr("Delivery: Custom (Send Phone Message flow): %1").arg(mfa.flowNote()));
    {
        const QScopedValueRollback loading(m_settingChoice, true);
        (mfa.policy() == MfaPolicy::Always ? m_always : m_never)->setChecked(true);
    }
    updateState();
}

void MultiFactorPage::updateState()
{
    m_save->setEnabled(MfaPolicy(m_policy->checkedId()) != m_tenant.mfa().policy());
}

void MultiFactorPage::policyToggled(int id, bool checked)
{
    // The radio that lost the check reports too; the page's own changes are not the admin's choice.
    if (!checked || m_settingChoice)
        return;
    if (MfaPolicy(id) == MfaPolicy::Always && m_tenant.mfa().policy() != MfaPolicy::Always
        && !confirmAlways()) {
        const QScopedValueRollback reverting(m_settingChoice, true);
        m_never->setChecked(true);
    }
    updateState();
}

bool MultiFactorPage::confirmAlways()
{
    ConfirmationBox box(ConfirmationBox::Tone::Warning,
                        tr("Require Multi-factor Auth always?"),
                        tr("All users will have to enroll in a factor, and every application will require "
                           "MFA on every login."),
                        this);
    box.setObjectName(QStringLiteral("alwaysConfirmation"));
    const QStringList problems = m_tenant.mfa().problemsWithAlways();
    if (!problems.isEmpty())
        box.setInformativeText(
            tr("Logins will fail until this is fixed: %1").arg(problems.join(QLatin1Char(' '))));
    QPushButton *proceed = box.addButton(tr("Continue"), QMessageBox::AcceptRole);
    proceed->setObjectName(QStringLiteral("confirmAlways"));
    box.addButton(QMessageBox::Cancel);
    box.exec();
    return box.clickedButton() == proceed;
}

bool MultiFactorPage::savePolicy()
{
    const auto policy = MfaPolicy(m_policy->checkedId());
    if (auto saved = m_tenant.mfa().setPolicy(policy); !saved) {
        m_message->showMessage(tr("Nothing was saved: %1").arg(saved.error().message()),
                               MessageBar::Level::Error);
        return false;
    }
    const QStringList problems
        = policy == MfaPolicy::Always ? m_tenant.mfa().problemsWithAlways() : QStringList();
    if (problems.isEmpty())
        m_message->showMessage(tr("The policy was saved."), MessageBar::Level::Success);
    else
        m_message->showMessage(tr("Saved, but logins will fail: %1").arg(problems.join(QLatin1Char(' '))),
                               MessageBar::Level::Warning);
    updateState();
    return true;
}

bool MultiFactorPage::confirmLeave()
{
    if (!m_save->isEnabled())
        return true;
    return UnsavedChanges::confirm(
        this,
        {tr("Unsaved changes"), tr("The MFA policy has a change that is not saved."), {}},
        [this] { return savePolicy(); },
        [this] { load(); });
}
