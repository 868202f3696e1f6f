#include "CreateApplicationDialog.h"

#include "core/applications/ApplicationService.h"
#include "ui/common/ChoiceCard.h"
#include "ui/common/ConfirmationBox.h"
#include "ui/common/Form.h"

#include <QButtonGroup>
#include <QDialogButtonBox>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

CreateApplicationDialog::CreateApplicationDialog(ApplicationService &service, QWidget *parent)
    : QDialog(parent)
    , m_service(service)
    , m_name(new QLineEdit(this))
    , m_nameError(Form::error(QStringLiteral("nameError"), this))
    , m_types(new QButtonGroup(this))
    , m_technologyBox(new QWidget(this))
    , m_technologies(new QButtonGroup(this))
    , m_error(Form::error(QStringLiteral("createError"), this))
{
    setObjectName(QStringLiteral("createApplicationDialog"));
    setWindowTitle(tr("Create Application"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(28, 24, 28, 20);
    layout->setSpacing(10);
    layout->addWidget(Form::pageHeader(tr("Create Application"), {}, this));

    m_name->setObjectName(QStringLiteral("applicationName"));
    m_name->setText(tr("My App"));
    m_name->selectAll();
    m_name->setMaxLength(ApplicationService::MaxNameLength + 20);
    layout->addWidget(Form::label(tr("&Name"), m_name, this));
    layout->addWidget(m_name);
    layout->addWidget(m_nameError);
    layout->addWidget(Form::hint(tr("You can change the name later in the application settings."), this));

    layout->addSpacing(8);
    auto *typeLabel = Form::label(tr("Choose an application type"), nullptr, this);
    layout->addWidget(typeLabel);
    auto *grid = new QGridLayout;
    grid->setSpacing(10);
    int index = 0;
    for (const ApplicationTypeInfo &info : ApplicationTypeInfo::all()) {
        auto *choice = new ChoiceCard(info.iconName, info.label, info.summary, this);
        choice->setObjectName(QStringLiteral("type-") + info.apiValue);
        m_types->addButton(choice, static_cast<int>(info.type));
        grid->addWidget(choice, index / 2, index % 2);
        ++index;
    }
    layout->addLayout(grid);

    auto *techLayout = new QVBoxLayout(m_technologyBox);
    techLayout->setContentsMargins(0, 8, 0, 0);
    techLayout->addWidget(
        Form::label(tr("What technology are you using for your web app?"), nullptr, m_technologyBox));
    auto *techRow = new QHBoxLayout;
    const QStringList technologies = ApplicationTypeInfo::of(ApplicationType::SinglePage).technologies;
    for (int i = 0; i < technologies.size(); ++i) {
        auto *radio = new QRadioButton(technologies.at(i), m_technologyBox);
        radio->setObjectName(QStringLiteral("technology-") + technologies.at(i));
        m_technologies->addButton(radio, i);
        techRow->addWidget(radio);
    }
    techRow->addStretch(1);
    m_technologies->button(0)->setChecked(true);
    techLayout->addLayout(techRow);
    layout->addWidget(m_technologyBox);
    layout->addWidget(m_error);
    layout->addStretch(1);

    auto *buttons = new QDialogButtonBox(this);
    m_create = buttons->addButton(tr("Create"), QDialogButtonBox::AcceptRole);
    m_create->setObjectName(QStringLiteral("createButton"));
    Form::setKind(m_create, QStringLiteral("primary"));
    m_create->setDefault(true);
    QPushButton *cancel = buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setObjectName(QStringLiteral("cancelButton"));
    ConfirmationBox::useFlatButtons(buttons);
    layout->addWidget(buttons);

    m_types->button(static_cast<int>(ApplicationType::SinglePage))->setChecked(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &CreateApplicationDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_name, &QLineEdit::textChanged, this, &CreateApplicationDialog::updateState);
    connect(m_types, &QButtonGroup::idToggled, this, &CreateApplicationDialog::updateState);
    updateState();
    Form::fitDialog(this, 720);
}

void CreateApplicationDialog::selectType(ApplicationType type)
{
    if (QAbstractButton *choice = m_types->button(static_cast<int>(type)))
        choice->setChecked(true);
}

ApplicationType CreateApplicationDialog::selectedType() const
{
    return static_cast<ApplicationType>(m_types->checkedId());
}

void CreateApplicationDialog::updateState()
{
    const QString problem = ApplicationService::checkName(m_name->text());
    // Say what is wrong only once something was typed; an empty field just disables Create.
    Form::setError(m_nameError, m_name, m_name->text().isEmpty() ? QString() : problem);
    m_create->setEnabled(problem.isEmpty());
    m_technologyBox->setVisible(selectedType() == ApplicationType::SinglePage);
}

void CreateApplicationDialog::accept()
{
    NewApplication request;
    request.name = m_name->text();
    request.type = selectedType();
    if (request.type == ApplicationType::SinglePage && m_technologies->checkedId() >= 0)
        request.technology
            = ApplicationTypeInfo::of(request.type).technologies.value(m_technologies->checkedId());
    auto created = m_service.create(request);
    if (!created) {
        Form::setError(m_error, nullptr, created.error().message());
        return;
    }
    m_createdClientId = created.value().clientId;
    QDialog::accept();
}
