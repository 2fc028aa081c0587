package uk.nhs.incidents.common.text;

import io.quarkus.hibernate.validator.ValidatorFactoryCustomizer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.hibernate.validator.BaseHibernateValidatorConfiguration;
import org.hibernate.validator.cfg.ConstraintMapping;

/**
 * Adds the service's validators for text ({@link SizeInCharacters}, {@link PatternWithinStack}) to those Hibernate
 * Validator has: each is registered for {@code String}, more specific than the built-in ones' {@code CharSequence},
 * so it is the one chosen for every text field.
 */
@ApplicationScoped
class TextConstraints implements ValidatorFactoryCustomizer {

    @Override
    public void customize(BaseHibernateValidatorConfiguration<?> configuration) {
        ConstraintMapping mapping = configuration.createConstraintMapping();
        mapping.constraintDefinition(Size.class).includeExistingValidators(true).validatedBy(SizeInCharacters.class);
        mapping.constraintDefinition(Pattern.class).includeExistingValidators(true)
                .validatedBy(PatternWithinStack.class);
        configuration.addMapping(mapping);
    }
}
