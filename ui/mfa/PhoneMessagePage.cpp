#include "PhoneMessagePage.h"

#include "core/mfa/MfaService.h"
#include "core/phone/PhoneNumber.h"
#include "core/pipelines/ActionEvent.h"
#include "core/pipelines/PhoneMessagePipeline.h"
#include "core/pipelines/PipelineRun.h"
#include "core/settings/TenantSettings.h"
#include "core/tenant/Tenant.h"
#include "ui/common/Form.h"
#include "ui/common/MessageBar.h"
#include "ui/common/UnsavedChanges.h"
#include "ui/mfa/TemplateEditor.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QFrame>
#include <QHBoxLayout>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace {

QVBoxLayout *addCard(QVBoxLayout *into, QWidget *parent, const QString &title, const QString &objectName)
{
    QFrame *card = Form::card(parent);
    card->setObjectName(objectName);
    auto *layout = new QVBoxLayout(card);
    layout->setContentsMargins(24, 18, 24, 20);
    layout->setSpacing(8);
    layout->addWidget(Form::section(title, card));
    into->addWidget(card);
    return layout;
}

} // namespace

PhoneMessagePage::PhoneMessagePage(Tenant &tenant, QWidget *parent)
    : Page(parent)
    , m_tenant(tenant)
    , m_message(new MessageBar(this))
    , m_enabled(new QCheckBox(tr("Enabled"), this))
    , m_flowNote(new QLabel(this))
    , m_enrollment(new TemplateEditor(MessageTemplates::Kind::Enrollment, this))
    , m_verification(new TemplateEditor(MessageTemplates::Kind::Verification, this))
    , m_save(Form::button(tr("Save"), QStringLiteral("primary"), QStringLiteral("savePhoneButton"), this))
    , m_testNumber(new QLineEdit(this))
    , m_testError(Form::error(QStringLiteral("testNumberError"), this))
    , m_send(Form::button(tr("Send test message"), {}, QStringLiteral("sendTestMessageButton"), this))
    , m_results(new QVBoxLayout)
{
    QWidget *content = Form::scrollingContent(this);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(40, 24, 40, 40);
    layout->setSpacing(14);

    auto *back = Form::backLink(tr("Back to Multi-factor Auth"), content);
    layout->addWidget(back, 0, Qt::AlignLeft);
    auto *head = new QHBoxLayout;
    head->addWidget(
        Form::pageHeader(tr("Phone Message"),
                         tr("Users enroll a phone number and receive a 6-digit code by SMS when they "
                            "log in."),
                         content),
        1);
    m_enabled->setObjectName(QStringLiteral("phoneFactorEnabled"));
    head->addWidget(m_enabled, 0, Qt::AlignTop);
    layout->addLayout(head);
    layout->addWidget(m_message);

    QVBoxLayout *provider = addCard(layout, content, tr("Delivery provider"), QStringLiteral("providerCard"));
    auto *custom = new QRadioButton(tr("Custom"), content);
    custom->setObjectName(QStringLiteral("providerCustom"));
    custom->setChecked(true);
    // Each choice is its own group: the provider and the method must not exclude each other.
    (new QButtonGroup(this))->addButton(custom);
    provider->addWidget(custom);
    provider->addWidget(
        Form::hint(tr("Codes are sent by the actions of the Send Phone Message flow, such as the "
                      "Plivo integration."),
                   content));
    m_flowNote->setObjectName(QStringLiteral("flowNote"));
    provider->addWidget(m_flowNote);
    auto *openFlow = Form::button(tr("Open the Send Phone Message flow"),
                                  QStringLiteral("link"),
                                  QStringLiteral("openFlowButton"),
                                  content);
    provider->addWidget(openFlow, 0, Qt::AlignLeft);

    QVBoxLayout *method = addCard(layout, content, tr("Delivery method"), QStringLiteral("methodCard"));
    auto *sms = new QRadioButton(tr("SMS"), content);
    sms->setObjectName(QStringLiteral("methodSms"));
    sms->setChecked(true);
    (new QButtonGroup(this))->addButton(sms);
    method->addWidget(sms);
    method->addWidget(Form::hint(tr("Codes are sent as text messages (message_types: [\"sms\"])."), content));

    QVBoxLayout *templates
        = addCard(layout, content, tr("Message templates"), QStringLiteral("templatesCard"));
    templates->addWidget(
        Form::hint(tr("Variables: {{code}} (required), {{tenant.friendly_name}}, {{message_type}}, "
                      "{{locale}}."),
                   content));
    templates->addWidget(m_enrollment);
    templates->addSpacing(8);
    templates->addWidget(m_verification);

    auto *footer = new QHBoxLayout;
    footer->addStretch(1);
    footer->addWidget(m_save);
    layout->addLayout(footer);

    QVBoxLayout *test = addCard(layout, content, tr("Send test message"), QStringLiteral("testCard"));
    test->addWidget(Form::hint(tr("Runs the applied Send Phone Message flow with the test code 123456, as an "
                                  "enrollment would."),
                               content));
    auto *testRow = new QHBoxLayout;
    m_testNumber->setObjectName(QStringLiteral("testNumberEdit"));
    m_testNumber->setPlaceholderText(QStringLiteral("+15554443232"));
    m_testNumber->setAccessibleName(tr("Phone number for the test message"));
    testRow->addWidget(m_testNumber, 1);
    testRow->addWidget(m_send);
    test->addLayout(testRow);
    test->addWidget(m_testError);
    m_results->setSpacing(4);
    test->addLayout(m_results);
    layout->addStretch(1);

    connect(back, &QPushButton::clicked, this, [this] { Q_EMIT navigate(Page::Id::MultiFactor); });
    connect(openFlow, &QPushButton::clicked, this, [this] {
        Q_EMIT navigate(Page::Id::FlowEditor, QStringLiteral("send-phone-message"));
    });
    connect(m_enabled, &QCheckBox::toggled, this, &PhoneMessagePage::updateState);
    connect(m_enrollment, &TemplateEditor::edited, this, &PhoneMessagePage::updateState);
    connect(m_verification, &TemplateEditor::edited, this, &PhoneMessagePage::updateState);
    connect(m_save, &QPushButton::clicked, this, &PhoneMessagePage::save);
    connect(m_send, &QPushButton::clicked, this, &PhoneMessagePage::sendTest);
    connect(m_testNumber, &QLineEdit::returnPressed, this, &PhoneMessagePage::sendTest);
    connect(&tenant.mfa(), &MfaService::changed, this, [this] {
        m_flowNote->setText(m_tenant.mfa().flowNote());
    });
}

void PhoneMessagePage::open(const QString &)
{
    m_message->clear();
    load();
}

void PhoneMessagePage::load()
{
    const PhoneFactorSettings settings = m_tenant.mfa().phoneFactor();
    const QString name = m_tenant.settings().friendlyName();
    {
        const QSignalBlocker blocker(m_enabled);
        m_enabled->setChecked(settings.enabled);
    }
    m_enrollment->setFriendlyName(name);
    m_verification->setFriendlyName(name);
    m_enrollment->setText(settings.enrollmentTemplate);
    m_verification->setText(settings.verificationTemplate);
    m_flowNote->setText(m_tenant.mfa().flowNote());
    updateState();
}

void PhoneMessagePage::updateState()
{
    const PhoneFactorSettings stored = m_tenant.mfa().phoneFactor();
    const bool changed = m_enabled->isChecked() != stored.enabled
        || m_enrollment->text() != stored.enrollmentTemplate
        || m_verification->text() != stored.verificationTemplate;
    m_save->setEnabled(changed);
}

bool PhoneMessagePage::save()
{
    PhoneFactorSettings settings = m_tenant.mfa().phoneFactor();
    settings.enabled = m_enabled->isChecked();
    settings.enrollmentTemplate = m_enrollment->text();
    settings.verificationTemplate = m_verification->text();
    if (auto saved = m_tenant.mfa().savePhoneFactor(settings); !saved) {
        m_message->showMessage(tr("Nothing was saved: %1").arg(saved.error().message()),
                               MessageBar::Level::Error);
        return false;
    }
    m_message->showMessage(tr("Phone Message settings saved."), MessageBar::Level::Success);
    updateState();
    return true;
}

void PhoneMessagePage::sendTest()
{
    if (!m_send->isEnabled())
        return; // one test at a time: Enter in the number field must not send again
    const auto number = PhoneNumber::toE164(m_testNumber->text());
    Form::setError(m_testError, m_testNumber, number ? QString() : number.error().message());
    if (!number)
        return;
    m_testNumber->setText(number.value());
    while (QLayoutItem *item = m_results->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    PhoneMessageRequest request;
    request.purpose = QStringLiteral("enrollment");
    request.recipient = number.value();
    request.code = QStringLiteral("123456");
    request.user = ActionEvent::phoneUser(QStringLiteral("authdeck|test"), {}, tr("Test user"), {});
    request.client = ActionEvent::client(QStringLiteral("authdeck-test"), QStringLiteral("Authdeck"));
    request.request
        = ActionEvent::request(QStringLiteral("127.0.0.1"), QStringLiteral("en"), QStringLiteral("Authdeck"));
    m_send->setEnabled(false);
    // An earlier run may still be following its message: it must not write into these results.
    if (m_run)
        disconnect(m_run, nullptr, this, nullptr);
    PipelineRun *run = m_tenant.phoneMessages().send(request);
    m_run = run;
    connect(run, &PipelineRun::actionStarted, this, [this](int index, const QString &name) {
        auto *line = new QLabel(tr("%1. %2: running…").arg(index + 1).arg(name), this);
        line->setObjectName(QStringLiteral("result%1").arg(index));
        line->setWordWrap(true);
        m_results->addWidget(line);
    });
    connect(run, &PipelineRun::actionFinished, this, &PhoneMessagePage::showResult);
    connect(run,
            &PipelineRun::deliveryStateChanged,
            this,
            [this](int index, const QString &uuid, const QString &state) {
                if (auto *line = findChild<QLabel *>(QStringLiteral("delivery%1").arg(index)))
                    line->setText(tr("Message %1: %2").arg(uuid, state));
            });
    connect(run, &PipelineRun::finished, this, [this](const Execution &execution) {
        m_send->setEnabled(true);
        if (execution.error.isEmpty())
            m_message->showMessage(tr("The flow ran: the message was handed to the provider."),
                                   MessageBar::Level::Success);
        else
            m_message->showMessage(tr("The flow failed: %1").arg(execution.error), MessageBar::Level::Error);
    });
}

void PhoneMessagePage::showResult(const ActionRunResult &result)
{
    auto *line = findChild<QLabel *>(QStringLiteral("result%1").arg(result.index));
    if (!line) {
        line = new QLabel(this);
        line->setObjectName(QStringLiteral("result%1").arg(result.index));
        m_results->addWidget(line);
    }
    const qint64 ms = result.startedAt.msecsTo(result.endedAt);
    line->setText(result.succeeded
                      ? tr("%1. %2: accepted in %3 ms").arg(result.index + 1).arg(result.actionName).arg(ms)
                      : tr("%1. %2: failed after %3 ms: %4")
                            .arg(result.index + 1)
                            .arg(result.actionName)
                            .arg(ms)
                            .arg(result.error));
    line->setProperty("role", result.succeeded ? QStringLiteral("success") : QStringLiteral("error"));
    Form::repolish(line);
    if (!result.messageUuid.isEmpty()) {
        auto *delivery = Form::hint(tr("Message %1: %2").arg(result.messageUuid, result.deliveryState), this);
        delivery->setObjectName(QStringLiteral("delivery%1").arg(result.index));
        delivery->setTextInteractionFlags(Qt::TextSelectableByMouse);
        m_results->addWidget(delivery);
    }
}

bool PhoneMessagePage::confirmLeave()
{
    if (!m_save->isEnabled())
        return true;
    return UnsavedChanges::confirm(
        this,
        {tr("Unsaved changes"), tr("The Phone Message settings have changes that are not saved."), {}},
        [this] { return save(); },
        [this] { load(); });
}
