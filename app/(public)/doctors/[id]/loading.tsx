import { DoctorPageSkeleton } from "@/components/doctors/doctor-page-skeleton";

export default function DoctorLoading() {
  return <DoctorPageSkeleton />;
}
