#include "CustomActionPage.h"

#include "core/actions/CustomActionService.h"
#include "core/flows/FlowService.h"
#include "core/runtime/ActionTriggers.h"
#include "core/tenant/Tenant.h"
#include "ui/common/ConfirmationBox.h"
#include "ui/common/Form.h"
#include "ui/common/MessageBar.h"
#include "ui/common/UnsavedChanges.h"
#include "ui/customactions/ActionCodeArea.h"
#include "ui/customactions/ActionDependenciesPanel.h"
#include "ui/customactions/ActionLook.h"
#include "ui/customactions/ActionSecretsPanel.h"
#include "ui/customactions/ActionTestPanel.h"
#include "ui/customactions/StatusPill.h"
#include "ui/customactions/VersionHistoryDialog.h"
#include "ui/editor/CodeEditor.h"
#include "ui/editor/FindBar.h"
#include "ui/shell/Theme.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QShortcut>
#include <QSplitter>
#include <QTabBar>
#include <QTabWidget>
#include <QVBoxLayout>

#include <utility>

namespace {

/// Save Draft from the keyboard.
constexpr QKeySequence::StandardKey kSaveKey = QKeySequence::Save;

} // namespace

CustomActionPage::CustomActionPage(Tenant &tenant, QWidget *parent)
    : Page(parent)
    , m_tenant(tenant)
    , m_service(tenant.customActions())
    , m_title(new QLabel(this))
    , m_status(new StatusPill(this))
    , m_trigger(new QLabel(this))
    , m_message(new MessageBar(this))
    , m_history(Form::button(tr("Version History"), {}, QStringLiteral("versionHistoryButton"), this))
    , m_delete(
          Form::button(tr("Delete"), QStringLiteral("danger"), QStringLiteral("deleteActionButton"), this))
    , m_save(Form::button(tr("Save Draft"), {}, QStringLiteral("saveDraftButton"), this))
    , m_deploy(Form::button(tr("Deploy"), QStringLiteral("primary"), QStringLiteral("deployButton"), this))
    , m_code(new ActionCodeArea(tenant.actionRuntime(), this))
    , m_side(new QTabWidget(this))
    , m_secrets(new ActionSecretsPanel(m_service, this))
    , m_dependencies(new ActionDependenciesPanel(this))
    , m_test(new ActionTestPanel(m_service, tenant.actionRuntime(), this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(32, 20, 32, 24);
    layout->setSpacing(10);
    auto *back = Form::backLink(tr("Back to Library"), this);
    layout->addWidget(back, 0, Qt::AlignLeft);

    m_title->setObjectName(QStringLiteral("pageTitle"));
    m_title->setTextFormat(Qt::PlainText);
    m_status->setObjectName(QStringLiteral("actionStatus"));
    m_trigger->setObjectName(QStringLiteral("actionTrigger"));
    m_trigger->setProperty("role", QStringLiteral("muted"));
    m_delete->setAccessibleName(tr("Delete the action"));
    ActionLook::setOutlined(m_save);
    m_save->setToolTip(tr("Save the code and dependencies without deploying (Ctrl+S)"));
    m_deploy->setToolTip(tr("Save the draft and make it the version the flows run"));
    auto *titleRow = new QHBoxLayout;
    titleRow->setSpacing(12);
    auto *titles = new QVBoxLayout;
    titles->setSpacing(4);
    auto *nameRow = new QHBoxLayout;
    nameRow->setSpacing(12);
    nameRow->addWidget(m_title);
    nameRow->addWidget(m_status, 0, Qt::AlignVCenter);
    nameRow->addStretch(1);
    titles->addLayout(nameRow);
    titles->addWidget(m_trigger);
    titleRow->addLayout(titles, 1);
    for (QPushButton *button : {m_history, m_delete})
        titleRow->addWidget(button, 0, Qt::AlignVCenter);
    titleRow->addSpacing(12);
    for (QPushButton *button : {m_save, m_deploy})
        titleRow->addWidget(button, 0, Qt::AlignVCenter);
    layout->addLayout(titleRow);
    layout->addWidget(m_message);

    auto *split = new QSplitter(Qt::Horizontal, this);
    split->setObjectName(QStringLiteral("editorSplit"));
    split->setChildrenCollapsible(false);
    split->addWidget(m_code);

    m_side->setObjectName(QStringLiteral("sidePanel"));
    m_side->setAccessibleName(tr("Secrets, dependencies and test"));
    m_side->setDocumentMode(true);
    m_side->tabBar()->setDrawBase(false);
    m_side->addTab(m_secrets, tr("Secrets"));
    m_side->addTab(m_dependencies, tr("Dependencies"));
    m_side->addTab(m_test, tr("Test"));
    m_side->setMinimumWidth(360);
    split->addWidget(m_side);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    layout->addWidget(split, 1);

    m_test->setDraftSource([this] {
        return ActionTestPanel::Draft {m_code->code(), m_dependencies->dependencies()};
    });
    // Where a test run threw is marked in the code, as a syntax error is, until the code changes.
    connect(m_test, &ActionTestPanel::errorAt, this, [this](int line, int column, const QString &message) {
        m_code->editor()->setDiagnostics({{line, column, message}});
        m_code->editor()->goToLine(line, column);
        m_runtimeMark = true;
    });
    connect(m_code, &ActionCodeArea::edited, this, [this] {
        if (std::exchange(m_runtimeMark, false))
            m_code->editor()->clearDiagnostics();
    });
    auto *saveShortcut = new QShortcut(kSaveKey, this);
    saveShortcut->setContext(Qt::WidgetWithChildrenShortcut);
    connect(saveShortcut, &QShortcut::activated, this, [this] {
        if (m_save->isEnabled())
            saveDraft();
    });
    connect(back, &QPushButton::clicked, this, [this] {
        Q_EMIT navigate(Page::Id::ActionsLibrary, QStringLiteral("custom"));
    });
    connect(m_save, &QPushButton::clicked, this, &CustomActionPage::saveDraft);
    connect(m_deploy, &QPushButton::clicked, this, &CustomActionPage::deploy);
    connect(m_history, &QPushButton::clicked, this, &CustomActionPage::showVersionHistory);
    connect(m_delete, &QPushButton::clicked, this, &CustomActionPage::confirmDelete);
    connect(m_code, &ActionCodeArea::edited, this, &CustomActionPage::updateState);
    connect(m_dependencies, &ActionDependenciesPanel::changed, this, &CustomActionPage::updateState);
    connect(m_secrets, &ActionSecretsPanel::message, m_message, &MessageBar::showMessage);
    connect(&m_service, &CustomActionService::actionChanged, this, &CustomActionPage::onActionChanged);
    // Changed by another admin on the tenant: the action shown is read again as after a change here.
    connect(&m_service, &CustomActionService::changedElsewhere, this, [this] {
        if (!m_action.id.isEmpty())
            onActionChanged(m_action.id);
    });
    connect(&m_service, &CustomActionService::actionRemoved, this, &CustomActionPage::onActionRemoved);
    connect(&Theme::instance(), &Theme::changed, this, &CustomActionPage::updateIcons);
    updateIcons();
    showMissing(tr("Open a custom action from the Library."));
}

void CustomActionPage::updateIcons()
{
    const Theme &theme = Theme::instance();
    m_history->setIcon(theme.icon(QStringLiteral("history")));
    m_delete->setIcon(theme.icon(QStringLiteral("trash"), QStringLiteral("danger")));
    m_deploy->setIcon(theme.icon(QStringLiteral("deploy"), QStringLiteral("onAccent")));
    m_side->setTabIcon(0, theme.icon(QStringLiteral("secret-key")));
    m_side->setTabIcon(1, theme.icon(QStringLiteral("npm-package")));
    m_side->setTabIcon(2, theme.icon(QStringLiteral("run-test")));
}

QList<Shortcut> CustomActionPage::shortcuts()
{
    return QList<Shortcut> {{tr("Save the draft"), QKeySequence::keyBindings(kSaveKey)}}
    + FindBar::shortcuts();
}

void CustomActionPage::open(const QString &argument)
{
    if (argument.isEmpty() || argument == m_action.id) {
        if (!m_action.id.isEmpty())
            onActionChanged(m_action.id);
        return;
    }
    m_message->clear();
    auto found = m_service.find(argument);
    if (!found) {
        showMissing(found.error().message());
        return;
    }
    load(found.value());
}

void CustomActionPage::load(const CustomAction &action)
{
    m_action = action;
    m_title->setText(action.name);
    m_trigger->setText(tr("%1 · %2 · %3")
                           .arg(ActionTriggers::label(action.triggerId),
                                action.triggerVersion,
                                ActionLook::runtimeName(action.runtime)));
    m_code->setCode(action.code, action.name + QStringLiteral(".js"));
    m_side->setEnabled(true);
    m_dependencies->setDependencies(action.dependencies);
    m_secrets->setAction(action);
    m_test->setAction(action);
    updateState();
}

void CustomActionPage::reload()
{
    auto stored = m_service.find(m_action.id);
    if (!stored) {
        showMissing(stored.error().message());
        return;
    }
    m_message->clear();
    load(stored.value());
}

void CustomActionPage::showMissing(const QString &message)
{
    m_action = {};
    m_title->setText(tr("Action not found"));
    m_trigger->setText(message);
    m_code->clear();
    m_dependencies->setDependencies({});
    m_secrets->setAction({});
    m_test->setAction({});
    m_side->setEnabled(false);
    updateState();
}

bool CustomActionPage::confirmLeave()
{
    if (!isDirty())
        return true;
    return UnsavedChanges::confirm(
        this,
        {tr("Unsaved changes"),
         tr("The draft of %1 has changes that are not saved.").arg(m_action.name),
         tr("Save keeps them as the draft without deploying them.")},
        [this] { return saveDraft(); },
        [this] { reload(); });
}

bool CustomActionPage::isDirty() const
{
    return !m_action.id.isEmpty()
        && (m_code->code() != m_action.code || m_dependencies->dependencies() != m_action.dependencies);
}

void CustomActionPage::updateState()
{
    const bool loaded = !m_action.id.isEmpty();
    const bool busy = m_deployJob || m_removeJob;
    m_save->setEnabled(loaded && !busy && isDirty());
    m_deploy->setEnabled(loaded && !busy);
    m_deploy->setText(m_deployJob ? tr("Deploying…") : tr("Deploy"));
    m_history->setEnabled(loaded && !m_removeJob);
    m_delete->setEnabled(loaded && !busy);
    m_status->setVisible(loaded);
    if (!loaded)
        return;
    if (!m_action.isDeployed())
        m_status->setStatus(tr("Not deployed yet"), StatusPill::Tone::Neutral);
    else if (m_action.allChangesDeployed && !isDirty())
        m_status->setStatus(tr("Deployed · v%1").arg(m_action.deployedVersion), StatusPill::Tone::Success);
    else
        m_status->setStatus(tr("Draft — changes not deployed"), StatusPill::Tone::Warning);
}

bool CustomActionPage::saveDraft()
{
    if (m_action.id.isEmpty())
        return false;
    auto saved
        = m_service.saveDraft(m_action.id, m_code->code(), m_dependencies->dependencies(), m_action.revision);
    if (!saved) {
        if (saved.error().kind() == Error::Kind::Conflict)
            showConflict(saved.error().message());
        else
            m_message->showMessage(tr("The draft was not saved: %1").arg(saved.error().message()),
                                   MessageBar::Level::Error);
        return false;
    }
    m_action = saved.value();
    m_dependencies->setDependencies(m_action.dependencies);
    m_message->showMessage(tr("Draft saved. Deploy to make it the version the flows run."),
                           MessageBar::Level::Success);
    updateState();
    return true;
}

void CustomActionPage::showConflict(const QString &message)
{
    m_message->showMessage(tr("%1 Your edits were not saved. Reload to see the draft as it is now (your "
                              "edits will be lost), or copy what you need first.")
                               .arg(message),
                           MessageBar::Level::Warning);
    m_message->addAction(tr("Reload"), QStringLiteral("reloadButton"), [this] { reload(); });
}

void CustomActionPage::deploy()
{
    if (m_action.id.isEmpty() || m_deployJob || m_removeJob)
        return;
    if (isDirty() && !saveDraft())
        return;
    m_message->showMessage(tr("Deploying %1…").arg(m_action.name), MessageBar::Level::Info);
    const bool focused = m_deploy->hasFocus();
    m_deployJob = m_service.deploy(m_action.id);
    updateState();
    connect(m_deployJob, &CustomActionJob::finished, this, [this, focused](CustomActionJob *job) {
        m_deployJob = nullptr;
        if (job->succeeded()) {
            m_message->showMessage(tr("Version %1 deployed. The flows that use %2 run it now.")
                                       .arg(job->version().number)
                                       .arg(job->action().name),
                                   MessageBar::Level::Success);
        } else {
            m_message->showMessage(tr("Not deployed. %1").arg(job->error()->message()),
                                   MessageBar::Level::Error);
            m_code->checkNow(); // marks a syntax error on its line
        }
        updateState();
        if (focused)
            m_deploy->setFocus(); // the button lost it while disabled
    });
}

void CustomActionPage::showVersionHistory()
{
    if (m_action.id.isEmpty())
        return;
    auto *dialog = new VersionHistoryDialog(m_service, m_action, m_code->code(), isDirty(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &VersionHistoryDialog::rolledBack, this, [this](int number, bool draftReplaced) {
        if (draftReplaced)
            reload();
        m_message->showMessage(
            draftReplaced ? tr("Version %1 is deployed again, and the draft now holds its code.").arg(number)
                          : tr("Version %1 is deployed again. The draft did not change.").arg(number),
            MessageBar::Level::Success);
    });
    dialog->open();
}

void CustomActionPage::confirmDelete()
{
    if (m_action.id.isEmpty() || m_removeJob)
        return;
    const int flows = m_tenant.flows().bindingCount(m_action.id);
    auto *box = new ConfirmationBox(ConfirmationBox::Tone::Danger,
                                    tr("Delete action"),
                                    tr("Delete the action %1?").arg(m_action.name),
                                    this);
    box->setObjectName(QStringLiteral("deleteActionConfirmation"));
    box->addButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    QString details = tr("Its versions and secrets are deleted with it. This cannot be undone.");
    if (flows == 1)
        details = tr("It runs in the %1 flow and will be removed from it. ")
                      .arg(ActionTriggers::label(m_action.triggerId))
            + details;
    else if (flows > 1)
        details = tr("It runs in %1 flows and will be removed from them. ").arg(flows) + details;
    box->setInformativeText(details);
    QPushButton *remove = box->addButton(tr("Delete"), QMessageBox::DestructiveRole);
    remove->setObjectName(QStringLiteral("confirmDeleteAction"));
    Form::setKind(remove, QStringLiteral("danger"));
    box->setDefaultButton(QMessageBox::Cancel);
    const QString id = m_action.id;
    connect(remove, &QPushButton::clicked, this, [this, id] {
        if (id != m_action.id || m_removeJob)
            return;
        m_removeJob = m_service.remove(id);
        updateState();
        connect(m_removeJob, &CustomActionJob::finished, this, [this](CustomActionJob *job) {
            m_removeJob = nullptr;
            if (!job->succeeded())
                m_message->showMessage(tr("The action was not deleted: %1").arg(job->error()->message()),
                                       MessageBar::Level::Error);
            updateState();
        });
    });
    box->open();
}

void CustomActionPage::onActionChanged(const QString &id)
{
    if (id != m_action.id)
        return;
    auto current = m_service.find(id);
    if (!current)
        return;
    CustomAction stored = current.takeValue();
    const bool sameDraft
        = stored.code == m_code->code() && stored.dependencies == m_dependencies->dependencies();
    if (stored.revision != m_action.revision && !sameDraft) {
        if (!isDirty())
            return load(stored);
        // Keep the edits and the revision they are based on, so that Save is refused as a conflict.
        stored.code = m_action.code;
        stored.dependencies = m_action.dependencies;
        stored.revision = m_action.revision;
        m_message->showMessage(tr("The draft of %1 was changed elsewhere. Saving your edits would be "
                                  "refused; reload to see the changes (your edits will be lost).")
                                   .arg(stored.name),
                               MessageBar::Level::Warning);
        m_message->addAction(tr("Reload"), QStringLiteral("reloadButton"), [this] { reload(); });
    }
    m_action = stored;
    m_title->setText(stored.name);
    m_secrets->setAction(stored);
    m_test->setAction(stored);
    updateState();
}

void CustomActionPage::onActionRemoved(const QString &id)
{
    if (id != m_action.id)
        return;
    const bool ours = m_removeJob;
    showMissing(tr("The action was deleted."));
    if (ours || isVisible())
        Q_EMIT navigate(Page::Id::ActionsLibrary, QStringLiteral("custom"));
}
