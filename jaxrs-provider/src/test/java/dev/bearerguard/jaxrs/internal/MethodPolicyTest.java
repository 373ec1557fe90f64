package dev.bearerguard.jaxrs.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bearerguard.core.limit.RateLimit;
import dev.bearerguard.core.scope.ScopeRequirement;
import dev.bearerguard.jaxrs.RateLimited;
import java.time.Duration;
import dev.bearerguard.core.scope.ScopeVocabulary;
import dev.bearerguard.jaxrs.BindClaim;
import dev.bearerguard.jaxrs.RequiresScope;
import dev.bearerguard.jaxrs.internal.MethodPolicy.Access;
import dev.bearerguard.jaxrs.internal.MethodPolicy.ClaimBinding;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Path;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MethodPolicyTest {

    private static final Optional<ScopeVocabulary> NO_VOCABULARY = Optional.empty();
    private static final Optional<ScopeVocabulary> PAYMENTS = Optional.of(ScopeVocabulary.PAYMENTS);

    @Path("/a")
    @RequiresScope("transactions.read")
    static class ClassScoped {
        public void inherits() { }

        @RequiresScope(anyOf = {"buyers.read", "reports.read"})
        public void overrides() { }

        @PermitAll
        public void open() { }

        @DenyAll
        public void closed() { }

        @RolesAllowed("buyers.write")
        public void roles() { }

        @RolesAllowed({"buyers.write", "buyers.read"})
        @RequiresScope("transactions.write")
        public void rolesAndScopes() { }
    }

    static class Bare {
        public void unannotated() { }

        @PermitAll
        @RequiresScope("transactions.read")
        public void permitAndScope() { }

        @DenyAll
        @RolesAllowed("transactions.read")
        public void denyAndRoles() { }

        @RolesAllowed({})
        public void emptyRoles() { }

        @RequiresScope("transaction.read")
        public void typo() { }

        @RequiresScope("transactions.delete")
        public void badAction() { }

        @RequiresScope("has space")
        public void malformed() { }

        @RequiresScope("transactions.write|embed")
        public void pipeInValue() { }

        @RequiresScope({"transactions.write", "embed"})
        public void embedInAllOf() { }

        @RequiresScope({})
        public void emptyAllOf() { }
    }

    @Path("/customers/{customerId}")
    @BindClaim(claim = "customer_id", pathParam = "customerId")
    static class Bound {
        @Path("invoices/{invoiceId: [a-z0-9-]+}")
        @BindClaim(claim = "invoice_id", pathParam = "invoiceId")
        public void invoice() { }

        @Path("orders/{orderId}")
        @BindClaim(claim = "order_id", pathParam = "order")
        public void undeclared() { }

        @PermitAll
        public void open() { }
    }

    static class SubResource {
        @BindClaim(claim = "invoice_id", pathParam = "invoiceId")
        public void bound() { }

        @jakarta.ws.rs.GET
        public void get() { }

        @jakarta.ws.rs.GET
        @RequiresScope("reports.read")
        public void scoped() { }
    }

    interface Api {
        @jakarta.ws.rs.GET
        @RequiresScope("reports.read")
        String annotatedInInterface();

        @PermitAll
        String openInInterface();
    }

    @Path("/impl")
    static class Impl implements Api {
        @Override
        public String annotatedInInterface() {
            return "";
        }

        @Override
        @RequiresScope("buyers.read")
        public String openInInterface() {
            return "";
        }
    }

    @RequiresScope("reports.read")
    @BindClaim(claim = "customer_id", pathParam = "customerId")
    abstract static class Base {
        public void inheritedClassScope() { }

        @RequiresScope("buyers.read")
        public void baseMethodScope() { }
    }

    @Path("/derived/{customerId}")
    static class Derived extends Base {
        @Override
        public void baseMethodScope() { }
    }

    interface Crud<T> {
        @RequiresScope("buyers.write")
        void create(T body);

        @PermitAll
        void create(Integer other);
    }

    static final class Buyer {
    }

    @Path("/buyers")
    static class Buyers implements Crud<Buyer> {
        @Override
        public void create(Buyer body) { }

        @Override
        public void create(Integer other) { }

        public void create(String unrelated) { }
    }

    private static MethodPolicy read(Class<?> type, String method, Optional<ScopeVocabulary> vocabulary) {
        try {
            Method m = type.getMethod(method);
            return MethodPolicy.read(type, m, vocabulary);
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
    }

    private static MethodPolicy read(Class<?> type, String method) {
        return read(type, method, NO_VOCABULARY);
    }

    @Test
    void readWhenNoAnnotationAnywhereThenAValidTokenIsNeeded() {
        MethodPolicy p = read(Bare.class, "unannotated");
        assertThat(p.access()).isEqualTo(Access.AUTHENTICATED);
        assertThat(p.requirements()).containsExactly(ScopeRequirement.none());
        assertThat(p.where()).endsWith("MethodPolicyTest$Bare#unannotated");
    }

    @Test
    void readWhenOnlyTheClassIsAnnotatedThenTheClassScopeApplies() {
        assertThat(read(ClassScoped.class, "inherits").requirements())
                .containsExactly(ScopeRequirement.allOf("transactions.read"));
    }

    @Test
    void readWhenTheMethodIsAnnotatedThenTheMethodWinsOverTheClass() {
        assertThat(read(ClassScoped.class, "overrides").requirements())
                .containsExactly(ScopeRequirement.anyOf("buyers.read", "reports.read"));
        assertThat(read(ClassScoped.class, "roles").requirements())
                .containsExactly(ScopeRequirement.anyOf("buyers.write"));
    }

    @Test
    void readWhenMethodIsPermitAllThenNoTokenIsNeededDespiteTheClassScope() {
        MethodPolicy p = read(ClassScoped.class, "open");
        assertThat(p.access()).isEqualTo(Access.PERMIT_ALL);
        assertThat(p.requirements()).isEmpty();
    }

    @Test
    void readWhenMethodIsDenyAllThenEveryoneIsRefused() {
        assertThat(read(ClassScoped.class, "closed").access()).isEqualTo(Access.DENY_ALL);
    }

    @Test
    void readWhenRolesAllowedAndRequiresScopeStandTogetherThenBothMustHold() {
        assertThat(read(ClassScoped.class, "rolesAndScopes").requirements()).containsExactly(
                ScopeRequirement.allOf("transactions.write"), ScopeRequirement.anyOf("buyers.write", "buyers.read"));
    }

    @Test
    void readWhenPermitAllOrDenyAllStandsNextToAnotherSecurityAnnotationThenRefused() {
        assertThatThrownBy(() -> read(Bare.class, "permitAndScope"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Bare#permitAndScope")
                .hasMessageContaining("@PermitAll cannot stand next to another security annotation");
        assertThatThrownBy(() -> read(Bare.class, "denyAndRoles"))
                .hasMessageContaining("@DenyAll cannot stand next to another security annotation");
    }

    @Test
    void readWhenRolesAllowedIsEmptyThenRefused() {
        assertThatThrownBy(() -> read(Bare.class, "emptyRoles")).hasMessageContaining("use @DenyAll");
    }

    @Test
    void readWhenAScopeIsATypoOfAVocabularyScopeThenRefusedWithASuggestion() {
        assertThatThrownBy(() -> read(Bare.class, "typo", PAYMENTS))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("bearerguard: " + Bare.class.getName() + "#typo: @RequiresScope: scope `transaction.read`: "
                        + "no such resource in the vocabulary — did you mean `transactions.read`?");
        assertThatThrownBy(() -> read(Bare.class, "badAction", PAYMENTS))
                .hasMessageContaining("action must be read or write");
    }

    @Test
    void readWhenNoVocabularyThenAnyWellFormedScopeIsAccepted() {
        assertThat(read(Bare.class, "typo").requirements()).containsExactly(ScopeRequirement.allOf("transaction.read"));
    }

    @Test
    void readWhenAScopeIsMalformedThenRefusedEvenWithoutVocabulary() {
        assertThatThrownBy(() -> read(Bare.class, "malformed")).hasMessageContaining("Bare#malformed: @RequiresScope:");
    }

    @Test
    void readWhenAValueHoldsAPipeThenRefusedPointingAtAnyOfButEmptyAllOfNeedsOnlyAToken() {
        assertThatThrownBy(() -> read(Bare.class, "pipeInValue")).hasMessageContaining("@RequiresScope(anyOf = {…})");
        assertThat(read(Bare.class, "emptyAllOf").requirements()).containsExactly(ScopeRequirement.none());
    }

    static class Embed {
        @RequiresScope(anyOf = {"transactions.write", "embed"})
        public void pay() { }

        @RequiresScope(value = "reports.read", anyOf = {"buyers.read", "embed"})
        public void both() { }

        @RequiresScope({"transactions.write", "embed"})
        public void embedInAllOf() { }

        @RequiresScope(anyOf = {"transactions.write", "embed"})
        @RateLimited(requests = 50, per = "1m")
        public void limited() { }

        @RateLimited(requests = 5, per = "60")
        public void badPeriod() { }

        @PermitAll
        @RateLimited(requests = 5, per = "1m")
        public void limitedButOpen() { }
    }

    @RateLimited(requests = 2, per = "30s")
    static class LimitedClass {
        public void inherits() { }

        @RateLimited(requests = 9, per = "1h")
        public void overrides() { }
    }

    @Test
    void readWhenAnyOfNamesEmbedThenOneOfThemSuffices() {
        assertThat(read(Embed.class, "pay").requirements())
                .containsExactly(ScopeRequirement.anyOf("transactions.write", "embed"));
        assertThat(read(Embed.class, "both").requirements()).containsExactly(ScopeRequirement.allOf("reports.read"),
                ScopeRequirement.anyOf("buyers.read", "embed"));
    }

    @Test
    void readWhenEmbedIsRequiredNextToAnotherScopeUnderAVocabularyThenTheDeploymentFailsSuggestingAnyOf() {
        assertThatThrownBy(() -> read(Embed.class, "embedInAllOf", Optional.of(ScopeVocabulary.PAYMENTS)))
                .hasMessageContaining("transactions.write|embed");
    }

    @Test
    void readWhenRateLimitedThenTheLimitIsRead() {
        assertThat(read(Embed.class, "limited").rateLimit()).contains(new RateLimit(50, Duration.ofMinutes(1)));
        assertThat(read(Embed.class, "pay").rateLimit()).isEmpty();
        assertThat(read(LimitedClass.class, "inherits").rateLimit()).contains(new RateLimit(2, Duration.ofSeconds(30)));
        assertThat(read(LimitedClass.class, "overrides").rateLimit()).contains(new RateLimit(9, Duration.ofHours(1)));
    }

    @Test
    void readWhenARateLimitIsBadOrHasNoTokenToCountThenTheDeploymentFails() {
        assertThatThrownBy(() -> read(Embed.class, "badPeriod")).hasMessageContaining("Embed#badPeriod: @RateLimited:")
                .hasMessageContaining("unit");
        assertThatThrownBy(() -> read(Embed.class, "limitedButOpen")).hasMessageContaining("@PermitAll method has none to count");
    }

    @Test
    void readWhenClassAndMethodBindClaimsThenBothApply() {
        assertThat(read(Bound.class, "invoice").bindings()).containsExactly(
                new ClaimBinding("customer_id", "customerId", true), new ClaimBinding("invoice_id", "invoiceId", true));
    }

    @Test
    void readWhenABindingNamesAnUndeclaredPathParameterThenRefused() {
        assertThatThrownBy(() -> read(Bound.class, "undeclared"))
                .hasMessageContaining("Bound#undeclared: @BindClaim names path parameter `order`");
    }

    @Test
    void readWhenABindingMeetsPermitAllThenRefused() {
        assertThatThrownBy(() -> read(Bound.class, "open"))
                .hasMessageContaining("@BindClaim cannot be enforced on a @PermitAll method");
    }

    @Test
    void readWhenTheClassIsASubResourceThenTheBindingIsCheckedOnlyPerRequest() {
        assertThat(read(SubResource.class, "bound").bindings())
                .isEqualTo(List.of(new ClaimBinding("invoice_id", "invoiceId", true)));
    }

    @Test
    void isUnannotatedSubResourceOnlyForHttpMethodsOfPathlessClassesWithoutSecurityAnnotations() throws Exception {
        assertThat(MethodPolicy.isUnannotatedSubResource(SubResource.class, SubResource.class.getDeclaredMethod("get")))
                .isTrue();
        assertThat(MethodPolicy.isUnannotatedSubResource(SubResource.class,
                SubResource.class.getDeclaredMethod("scoped"))).isFalse();
        assertThat(MethodPolicy.isUnannotatedSubResource(SubResource.class,
                SubResource.class.getDeclaredMethod("bound"))).isFalse();
        assertThat(MethodPolicy.isUnannotatedSubResource(Bound.class, Bound.class.getDeclaredMethod("invoice")))
                .isFalse();
    }

    @Test
    void readWhenTheAnnotationIsOnTheImplementedInterfaceMethodThenItApplies() {
        assertThat(read(Impl.class, "annotatedInInterface").requirements())
                .containsExactly(ScopeRequirement.allOf("reports.read"));
    }

    @Test
    void readWhenTheRuntimeHandsTheInterfaceDeclarationThenTheImplementationsAnnotationStillWins() throws Exception {
        MethodPolicy p = MethodPolicy.read(Impl.class, Api.class.getMethod("openInInterface"), NO_VOCABULARY);
        assertThat(p.access()).isEqualTo(Access.AUTHENTICATED);
        assertThat(p.requirements()).containsExactly(ScopeRequirement.allOf("buyers.read"));
    }

    @Test
    void readWhenTheClassAnnotationIsOnASuperclassThenItApplies() {
        assertThat(read(Derived.class, "inheritedClassScope").requirements())
                .containsExactly(ScopeRequirement.allOf("reports.read"));
        assertThat(read(Derived.class, "inheritedClassScope").bindings())
                .containsExactly(new ClaimBinding("customer_id", "customerId", true));
    }

    @Test
    void readWhenAnOverridingMethodHasNoAnnotationThenTheOverriddenMethodsApplies() {
        assertThat(read(Derived.class, "baseMethodScope").requirements())
                .containsExactly(ScopeRequirement.allOf("buyers.read"));
    }

    @Test
    void readWhenTheAnnotatedInterfaceMethodIsGenericThenItAppliesToTheImplementation() throws Exception {
        MethodPolicy p = MethodPolicy.read(Buyers.class, Buyers.class.getMethod("create", Buyer.class), NO_VOCABULARY);
        assertThat(p.requirements()).containsExactly(ScopeRequirement.allOf("buyers.write"));
    }

    @Test
    void readWhenAnOverloadMatchesNoInterfaceMethodThenNoInterfaceAnnotationLeaksToIt() throws Exception {
        MethodPolicy unrelated = MethodPolicy.read(Buyers.class, Buyers.class.getMethod("create", String.class),
                NO_VOCABULARY);
        assertThat(unrelated.access()).isEqualTo(Access.AUTHENTICATED);
        assertThat(unrelated.requirements()).containsExactly(ScopeRequirement.none());
        assertThat(MethodPolicy.read(Buyers.class, Buyers.class.getMethod("create", Integer.class), NO_VOCABULARY)
                .access()).isEqualTo(Access.PERMIT_ALL);
    }
}
